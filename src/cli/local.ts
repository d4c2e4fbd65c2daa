/**
 * `npm run local`: the embedded example deployed without an AWS account. Starts moto (a local
 * AWS API) as the example's account, deploys bootstrap, then registry and access, with the real
 * `cdktf deploy` (pull-through cache left out: moto has no such API), prints each stack's
 * outputs and the access report, and tears everything down: moto stopped by its PID (its
 * resources live in its memory), the run's folder deleted, no process left behind, also when a
 * step fails or on Ctrl-C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { buildApp } from '../app';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../config/load';
import type { PlatformConfigInput } from '../config/schema';
import { accessReport } from '../report';
import { deleteBucketPolicy, describeRepositories } from '../local/aws-api';
import { cdktfDeploy, localConfig, localEnv, prepareLocalRun, terraform, type LocalRun } from '../local/deploy';
import { startMoto, type MotoServer } from '../local/moto';
import { stopRunning, type RunResult } from '../local/run';
import { terraformCliConfig } from '../local/terraform-mirror';
import { startCommand, type Command } from './command';
import { writeLine, type CliIo } from './io';

/**
 * cdktf's summary line per stack ("registry  Apply complete! Resources: 13 added, 0 changed, 0
 * destroyed."), in the order the stacks were named: cdktf prints them as its stacks finish, which
 * varies from run to run.
 */
function summaries(io: CliIo, result: RunResult, stacks: readonly string[]): void {
  const lines = result.stdout.split('\n').filter((line) => /Apply complete!/.test(line)).map((line) => line.trim().replace(/\s+/g, ' '));
  const rank = (line: string) => stacks.indexOf(line.split(' ')[0]);
  for (const line of lines.sort((a, b) => rank(a) - rank(b))) writeLine(io.stdout, line);
}

/** Set on Ctrl-C: the steps that fail because their processes were stopped print nothing more. */
let interrupted = false;

function check(io: CliIo, what: string, result: RunResult, stacks: readonly string[] = []): void {
  if (result.code === 0) return summaries(io, result, stacks);
  if (interrupted) throw new Error('interrupted');
  writeLine(io.stderr, result.stdout.slice(-6000));
  writeLine(io.stderr, result.stderr.slice(-6000));
  throw new Error(`${what} failed with exit code ${result.code}`);
}

async function deployExample(io: CliIo, moto: MotoServer, workdir: string): Promise<void> {
  const example = YAML.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as PlatformConfigInput;
  const config = localConfig(example, moto.url);
  const { file: cliConfig } = terraformCliConfig({ env: io.env }, workdir);
  const step = (line: string) => writeLine(io.stdout, `\n== ${line}`);
  const local: LocalRun = await prepareLocalRun(workdir, config, localEnv(io.env, cliConfig));

  step('cdktf deploy bootstrap (the state bucket)');
  check(io, 'cdktf deploy bootstrap', await cdktfDeploy(local, ['bootstrap']), ['bootstrap']);
  // moto applies a bucket policy's Deny without its conditions: the TLS-only policy would deny
  // the other stacks' state requests (plain http to moto), so it goes, as in the apply suite.
  await deleteBucketPolicy(moto.url, config.aws.region, config.state.bucket);

  step('cdktf deploy registry access');
  check(io, 'cdktf deploy registry access', await cdktfDeploy(local, ['registry', 'access'], { skipSynth: true }), ['registry', 'access']);

  for (const stack of ['bootstrap', 'registry', 'access']) {
    step(`outputs of ${stack}`);
    const outputs = await terraform(local, stack, ['output']);
    check(io, `terraform output (${stack})`, outputs);
    writeLine(io.stdout, outputs.stdout.trimEnd() || '(none)');
  }
  step('repositories in the local registry');
  const arns = (await describeRepositories(moto.url, config.aws.region)).map((repository) => repository.repositoryArn);
  for (const arn of arns.sort()) writeLine(io.stdout, arn);

  step('access report');
  const parsed = parseConfig(config);
  const platform = buildApp(parsed, { outdir: path.join(workdir, 'report.out'), skipValidation: true });
  platform.app.synth();
  writeLine(io.stdout, accessReport(platform, parsed, { source: 'the embedded example configuration (deployed into moto)' }));
}

export const run: Command = async (_argv, io) => {
  const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-local-'));
  let moto: MotoServer | undefined;
  const teardown = async () => {
    await stopRunning();
    await moto?.stop();
    fs.rmSync(workdir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    writeLine(io.stderr, `\n${signal}: stopping cdktf, terraform and moto`);
    void teardown().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const example = YAML.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')) as PlatformConfigInput;
    moto = await startMoto(example.aws.accountId, io.env);
    writeLine(io.stdout, `moto ${moto.url} (pid ${moto.pid}) as account ${example.aws.accountId}; working folder ${workdir}`);
    await deployExample(io, moto, workdir);
    writeLine(io.stdout, '\n== teardown: moto stopped (everything it held is gone), working folder deleted');
    return 0;
  } finally {
    await teardown();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
};

if (require.main === module) startCommand('local', run);
