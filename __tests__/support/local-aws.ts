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
import { localConfig, localEnv, prepareLocalRun, type EndpointRouting, type LocalRun } from '../../src/local/deploy';
import { createBucket } from '../../src/local/aws-api';
import { stopRunning } from '../../src/local/run';
import { ensureTerraformCliConfig } from './terraform-mirror';
import { buildApp } from '../../src/app';
import { parseConfig } from '../../src/config/load';
import { readPlanStream } from '../../src/plan/stream';
import { tempDir } from './temp-dir';

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

export interface ScenarioOptions {
  /**
   * Make the state bucket through the API, as it exists for an account that ran the bootstrap
   * stack before (or an old setup's bucket), so the scenario's stacks need not wait for a
   * bootstrap apply. @default false
   */
  readonly stateBucket?: boolean;
  /**
   * How the run reaches moto: the configuration's `aws.endpoints` (what the feature's users
   * write), or AWS_ENDPOINT_URL, about 4 s less per terraform command (EndpointRouting in
   * src/local/deploy.ts). @default 'configuration'
   */
  readonly routing?: EndpointRouting;
}

/** Starts moto as the configuration's account and prepares a run of `config` against it. */
export async function startScenario(name: string, config: PlatformConfigInput, options: ScenarioOptions = {}): Promise<Scenario> {
  const cliConfig = ensureTerraformCliConfig();
  const moto = await startMoto(config.aws.accountId, process.env);
  try {
    if (options.stateBucket) await createBucket(moto.url, config.state.region ?? config.aws.region, config.state.bucket);
    // Not a tempDir: stopScenario removes it after it has stopped the processes working in it.
    const workdir = fs.mkdtempSync(path.join(os.tmpdir(), `ecr-platform-apply-${name}-`));
    const routing = options.routing ?? 'configuration';
    const pointed = localConfig(config, moto.url, routing);
    const local = await prepareLocalRun(workdir, pointed, localEnv(process.env, cliConfig, routing === 'environment' ? moto.url : undefined));
    return { moto, local, config: pointed, region: config.aws.region };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}

/** Stops what the scenario still runs (a test that timed out leaves its terraform running), then moto. */
export async function stopScenario(scenario: Scenario | undefined): Promise<void> {
  await stopRunning();
  if (!scenario) return;
  await scenario.moto.stop();
  fs.rmSync(scenario.local.workdir, { recursive: true, force: true });
}

/** A result's output, for an assertion message. */
/**
 * One moto and configuration for a whole test file: started before its first test, stopped
 * (moto, every child process, the folder) after its last, also when a test fails. Returns the
 * getter the tests use.
 */
export function useScenario(name: string, config: PlatformConfigInput, options: ScenarioOptions = {}): () => Scenario {
  let scenario: Scenario | undefined;
  beforeAll(async () => {
    scenario = await startScenario(name, config, options);
  }, 60_000);
  afterAll(async () => {
    await stopScenario(scenario);
  });
  return () => {
    if (!scenario) throw new Error('moto did not start');
    return scenario;
  };
}

export function output(result: { stdout: string; stderr: string }): string {
  return `${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`;
}

/**
 * A configuration synthesized in-process (as the offline suites do) into `<workdir>/cdktf.out`,
 * pointed at a running moto through AWS_ENDPOINT_URL (EndpointRouting `environment`, about 4 s
 * less per terraform command than an `endpoints` block; the cdktf deploy scenarios cover the
 * block): for scenarios driven with plain terraform, whose plans they read as JSON. Cheaper
 * than a cdktf deploy, which the example scenario uses.
 */
export function synthesizeLocal(name: string, config: PlatformConfigInput, motoUrl: string): LocalRun {
  const cliConfig = ensureTerraformCliConfig();
  const workdir = tempDir(`apply-${name}-`);
  const pointed = localConfig(config, motoUrl, 'environment');
  const outdir = path.join(workdir, 'cdktf.out');
  buildApp(parseConfig(pointed), { outdir }).app.synth();
  return { workdir, configPath: '', outdir, env: localEnv(process.env, cliConfig, motoUrl) };
}

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly importing: boolean;
}

/** A plan's resource changes, from its `terraform plan -json` stream (src/plan/stream.ts). */
export function plannedChanges(planStream: string): PlannedChange[] {
  return readPlanStream(planStream).resourceChanges.map((c) => ({ address: c.address, type: c.type, actions: c.change.actions, importing: c.change.importing !== undefined }));
}
