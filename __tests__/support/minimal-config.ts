/**
 * A tiny valid configuration, independent of the embedded example: one account and region,
 * a dev and a prod environment, one repository "app", nothing else. Tests add what they are
 * about with typed overrides, so what they assert follows from what they wrote:
 *
 *   minimalConfig({ registry: { repositories: [{ name: 'app' }, { name: 'api', environments: ['prod'] }] } })
 *
 * Objects merge deeply, arrays replace, and `undefined` removes a key.
 */
import { parseConfig } from '../../src/config/load';
import { formatProblem } from '../../src/config/problems';
import type { PlatformConfig, PlatformConfigInput } from '../../src/config/schema';
import { problemsFrom } from './config';

export const MINIMAL = {
  account: '111122223333',
  region: 'eu-central-1',
  project: 'acme',
  bucket: 'acme-terraform-state',
  repository: 'app',
} as const;

/** Overrides of the configuration as written: nested objects optional all the way down; arrays as a whole. */
export type ConfigOverrides = DeepPartial<PlatformConfigInput>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | undefined } : T;

export function minimalConfigInput(overrides: ConfigOverrides = {}): PlatformConfigInput {
  const base: PlatformConfigInput = {
    project: MINIMAL.project,
    owner: 'platform-team',
    aws: { accountId: MINIMAL.account, region: MINIMAL.region },
    state: { bucket: MINIMAL.bucket },
    environments: { dev: {}, prod: { production: true } },
    registry: { repositories: [{ name: MINIMAL.repository }] },
  };
  return deepMerge(base, overrides) as PlatformConfigInput;
}

/** The minimal configuration with `overrides`, validated (throws ConfigError when it is refused). */
export function minimalConfig(overrides: ConfigOverrides = {}): PlatformConfig {
  return parseConfig(minimalConfigInput(overrides));
}

/** What the minimal configuration with `overrides` is refused for, as "path: message" lines; [] when it is accepted. */
export function minimalProblems(overrides: ConfigOverrides = {}): string[] {
  return problemsFrom(() => minimalConfig(overrides)).map(formatProblem);
}

/** `registry.repositories` as the minimal configuration's "app" followed by `repositories`. */
export function withRepositories(...repositories: NonNullable<NonNullable<PlatformConfigInput['registry']>['repositories']>): ConfigOverrides {
  return { registry: { repositories: [{ name: MINIMAL.repository }, ...repositories] } };
}

/**
 * A workloads stack per environment: one service "app" (port 8080, tag 1.0.0) from the repository
 * "app", on the EKS clusters acme-dev and acme-prod. `kubernetes` merges over it.
 */
export function withWorkloads(kubernetes: ConfigOverrides['kubernetes'] = {}): ConfigOverrides {
  const base: ConfigOverrides['kubernetes'] = {
    services: [{ name: MINIMAL.repository, port: 8080, tag: '1.0.0', repository: MINIMAL.repository }],
    clusters: { dev: { eksClusterName: `${MINIMAL.project}-dev` }, prod: { eksClusterName: `${MINIMAL.project}-prod` } },
  };
  return { kubernetes: deepMerge(base, kubernetes) as ConfigOverrides['kubernetes'] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete out[key];
    else out[key] = isPlainObject(value) && isPlainObject(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out;
}
