/**
 * The apply suite's harness: a moto server per scenario and a cdktf run into it.
 * The moto and deploy code lives in src/local (shared with `npm run local`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import type { PlatformConfigInput } from '../../src/config/schema';
import { startMoto, type MotoServer } from '../../src/local/moto';
import { localConfig, localEnv, prepareLocalRun, type LocalRun } from '../../src/local/deploy';
import { ensureTerraformCliConfig } from './terraform-mirror';

export const EXAMPLE_CONFIG_PATH = path.join(__dirname, '..', '..', 'src', 'config', 'default.platform.yaml');

export function exampleConfig(): PlatformConfigInput {
  return YAML.parse(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')) as PlatformConfigInput;
}

export interface Scenario {
  readonly moto: MotoServer;
  readonly local: LocalRun;
  readonly config: PlatformConfigInput;
  readonly region: string;
}

/** Starts moto as the configuration's account and prepares a run of `config` against it. */
export async function startScenario(name: string, config: PlatformConfigInput): Promise<Scenario> {
  const cliConfig = ensureTerraformCliConfig();
  const moto = await startMoto(config.aws.accountId, process.env);
  try {
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), `ecr-platform-apply-${name}-`));
    const pointed = localConfig(config, moto.url);
    const local = await prepareLocalRun(workdir, pointed, localEnv(process.env, cliConfig));
    return { moto, local, config: pointed, region: config.aws.region };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}

export async function stopScenario(scenario: Scenario | undefined): Promise<void> {
  if (!scenario) return;
  await scenario.moto.stop();
  fs.rmSync(scenario.local.workdir, { recursive: true, force: true });
}

/** A result's output, for an assertion message. */
export function output(result: { stdout: string; stderr: string }): string {
  return `${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`;
}
