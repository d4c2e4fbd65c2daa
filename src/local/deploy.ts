/**
 * Deploys a configuration into a local AWS API with the real CLI (`cdktf deploy`), as
 * `npm run local` and the apply suite do: the configuration gets `aws.endpoints` for every
 * service, the app is built once into the run's own folder, and each stack's working
 * directory is cdktf's own (`<workdir>/cdktf.out/stacks/<stack>`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfigInput } from '../config/schema';
import { ENDPOINT_SERVICES } from '../config/schema/endpoints';
import { run, runOk, type RunResult } from './run';

/** The project root: where cdktf.json, main.ts and node_modules are. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * How a local run sends the AWS provider's and the S3 backend's calls to the local API.
 * - `configuration`: `aws.endpoints` for every service, in the synthesized JSON: what a user of
 *   moto or LocalStack writes, and what `npm run local` and the cdktf deploy suites exercise.
 * - `environment`: the AWS SDKs' AWS_ENDPOINT_URL, which the provider and Terraform's S3 backend
 *   both honor, with only `s3UsePathStyle` in the configuration. Each terraform command is then
 *   about 4 s and 4.5 CPU-seconds cheaper: the provider spends some 2 s validating an `endpoints`
 *   block each time it starts (a plan of the example registry against moto, measured: 6.6 s with
 *   the block, 2.4 s without; pulumi/pulumi-aws#2880 traced the same cost to the plugin
 *   framework's validation of the provider configuration).
 */
export type EndpointRouting = 'configuration' | 'environment';

/** The configuration pointed at a local AWS API (see EndpointRouting), path-style S3, no pull-through cache (moto lacks it). */
export function localConfig(config: PlatformConfigInput, endpoint: string, routing: EndpointRouting = 'configuration'): PlatformConfigInput {
  const rest = { ...config };
  delete rest.pullThroughCache;
  const services = routing === 'configuration' ? Object.fromEntries(ENDPOINT_SERVICES.map((service) => [service, endpoint])) : {};
  return { ...rest, aws: { ...config.aws, endpoints: { ...services, s3UsePathStyle: true } } };
}

/**
 * The environment for cdktf and terraform against a local API: placeholder credentials, no other
 * AWS settings, and AWS_ENDPOINT_URL when `endpoint` is given (EndpointRouting `environment`).
 */
export function localEnv(base: NodeJS.ProcessEnv, terraformCliConfig: string, endpoint?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(endpoint ? { AWS_ENDPOINT_URL: endpoint } : {}),
    TF_CLI_CONFIG_FILE: terraformCliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // cdktf would otherwise point TF_PLUGIN_CACHE_DIR at ~/.terraform.d/plugin-cache and fill it.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    CI: '1',
    FORCE_COLOR: '0',
  };
}

export interface LocalRun {
  /** The run's folder: config, built app, cdktf.out, the bootstrap stack's local state. */
  readonly workdir: string;
  readonly configPath: string;
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onLine?: (line: string) => void;
}

const CDKTF = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'cdktf');
const ESBUILD = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild');

/**
 * Builds the app into `<workdir>/app` (as `npm run build` does into dist/), so runs side by
 * side never write the same files, and writes the configuration as JSON.
 */
export async function prepareLocalRun(workdir: string, config: PlatformConfigInput, env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Promise<LocalRun> {
  fs.mkdirSync(workdir, { recursive: true });
  const appDir = path.join(workdir, 'app');
  // esbuild expands the glob itself, as in package.json's build script.
  const sources = ['main.ts', 'src/**/*.ts'];
  await runOk(ESBUILD, [...sources, `--outdir=${appDir}`, '--platform=node', '--format=cjs', '--target=node20', '--supported:dynamic-import=false', '--log-level=warning'], { cwd: PROJECT_ROOT, env });
  fs.copyFileSync(path.join(PROJECT_ROOT, 'src', 'config', 'default.platform.yaml'), path.join(appDir, 'src', 'config', 'default.platform.yaml'));
  // cdktf reads the app command from cdktf.json in its working directory.
  const cdktfJson = { language: 'typescript', app: `node ${path.join(appDir, 'main.js')}`, sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} };
  fs.writeFileSync(path.join(workdir, 'cdktf.json'), JSON.stringify(cdktfJson, null, 2));
  const configPath = path.join(workdir, 'platform.json');
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  // The built app lives outside the project: it finds the project's packages through NODE_PATH.
  const appEnv = { ...env, PLATFORM_CONFIG: configPath, NODE_PATH: path.join(PROJECT_ROOT, 'node_modules') };
  return { workdir, configPath, outdir: path.join(workdir, 'cdktf.out'), env: appEnv, onLine };
}

export function stackDir(local: LocalRun, stack: string): string {
  return path.join(local.outdir, 'stacks', stack);
}

function cdktfArgs(local: LocalRun, command: string, stacks: readonly string[], skipSynth: boolean): string[] {
  return [
    command,
    ...stacks,
    '--auto-approve',
    // `terraform providers lock` asks the registry for every platform's checksums; the mirror has this one.
    '--skip-provider-lock',
    '--no-color',
    '--ignore-missing-stack-dependencies',
    `--output=${local.outdir}`,
    ...(skipSynth ? ['--skip-synth'] : []),
  ];
}

/** `cdktf deploy <stacks>`; the first call synthesizes every stack, later ones reuse it. */
export function cdktfDeploy(local: LocalRun, stacks: readonly string[], options: { skipSynth?: boolean } = {}): Promise<RunResult> {
  return run(CDKTF, cdktfArgs(local, 'deploy', stacks, options.skipSynth ?? false), { cwd: local.workdir, env: local.env, onLine: local.onLine });
}

export function cdktfDestroy(local: LocalRun, stacks: readonly string[]): Promise<RunResult> {
  return run(CDKTF, cdktfArgs(local, 'destroy', stacks, true), { cwd: local.workdir, env: local.env, onLine: local.onLine });
}

/** `terraform <args>` in a stack's folder (after cdktf has initialized it). */
export function terraform(local: LocalRun, stack: string, args: readonly string[]): Promise<RunResult> {
  return run('terraform', [...args, '-no-color'], { cwd: stackDir(local, stack), env: local.env });
}
