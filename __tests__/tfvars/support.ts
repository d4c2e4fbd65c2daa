import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { ConfigError } from '../../src/config/problems';
import { parseConfig } from '../../src/config/load';
import { tfvarsToConfig, type TfvarsOptions } from '../../src/config/parse/tfvars';
import { buildApp } from '../../src/app';
import { tempDir } from '../support/temp-dir';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'tfvars');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name, 'terraform.tfvars');
}

export function fixtureText(name: string): string {
  return fs.readFileSync(fixturePath(name), 'utf8');
}

/** The problems (as "path: message" lines) a tfvars text is refused with; fails the test when it is accepted. */
export async function tfvarsProblems(text: string, options: TfvarsOptions = {}, fileName = 'terraform.tfvars'): Promise<string[]> {
  try {
    await tfvarsToConfig(text, fileName, options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the tfvars to be refused, but it was accepted');
}

/** The synthesized JSON of the registry and access stacks for a translated configuration. */
export function synthesize(input: unknown): { registry: any; access: any } {
  const config = parseConfig(input);
  const platform = buildApp(config, { outdir: tempDir('tfvars-') });
  return { registry: JSON.parse(Testing.synth(platform.registry, true)), access: JSON.parse(Testing.synth(platform.access, true)) };
}

/** Logical ID of the aws_ecr_repository with this name (fails when there is none). */
export function repositoryId(stack: any, name: string): string {
  const entry = Object.entries(stack.resource.aws_ecr_repository ?? {}).find(([, resource]: [string, any]) => resource.name === name);
  if (!entry) throw new Error(`no aws_ecr_repository named ${name}; have ${Object.values(stack.resource.aws_ecr_repository ?? {}).map((r: any) => r.name)}`);
  return entry[0];
}

/** The aws_ecr_lifecycle_policy of a repository, by the repository's logical ID. */
export function lifecyclePolicyOf(stack: any, repositoryLogicalId: string): [string, any] {
  const entry = Object.entries(stack.resource.aws_ecr_lifecycle_policy ?? {}).find(
    ([, resource]: [string, any]) => resource.repository === `\${aws_ecr_repository.${repositoryLogicalId}.name}`,
  );
  if (!entry) throw new Error(`no lifecycle policy for ${repositoryLogicalId}`);
  return entry as [string, any];
}
