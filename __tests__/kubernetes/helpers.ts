import { Testing } from 'cdktf';
import type { Problem } from '../../src/domain/problem';
import type { PlatformConfig } from '../../src/config/schema';
import { buildApp } from '../../src/app';
import { configWith, problemsFrom } from '../support/config';

/** The synthesized JSON of one environment's workloads stack (the configuration checked, construct validations run). */
export function synthWorkloads(config: PlatformConfig, environment: string): any {
  const stack = buildApp(config).workloads[environment];
  if (!stack) throw new Error(`no workloads stack for ${environment}: kubernetes.clusters has ${Object.keys(config.kubernetes?.clusters ?? {}).join(', ')}`);
  return JSON.parse(Testing.synth(stack, true));
}

/** Every resource of a type, as synthesized. */
export function resourcesOf(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The resource of a type whose metadata.name is `name`. */
export function named(json: any, type: string, name: string): any {
  const found = resourcesOf(json, type).filter((r) => r.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

export function containerOf(deployment: any): any {
  expect(deployment.spec.template.spec.container).toHaveLength(1);
  return deployment.spec.template.spec.container[0];
}

/** The problems a configuration (the example with `overrides`) is refused for; [] when it is accepted. */
export function problemsOf(overrides: Record<string, unknown>): Problem[] {
  return problemsFrom(() => configWith(overrides));
}

/** The example's kubernetes section with some keys replaced (one level deep). */
export function kubernetesWith(overrides: Record<string, unknown>): Record<string, unknown> {
  return { kubernetes: overrides };
}

export const HOST = '111122223333.dkr.ecr.eu-central-1.amazonaws.com';
export const DIGEST = `sha256:${'ab12'.repeat(16)}`;
