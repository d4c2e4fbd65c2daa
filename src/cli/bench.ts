/**
 * `npm run bench [-- <runs>]`: what the README's Speed section reports, measured on this
 * machine. Not a test (numbers vary by machine, and the apply takes minutes):
 * 1. wall time and peak memory of `npm run synth` (esbuild transpiles main.ts and src/ to
 *    dist/, then node runs it), median of <runs> (default 5), for the example and for the
 *    example with 1,000 repositories and 30 GitHub repositories (src/cli/scale-config.ts);
 * 2. that large configuration's IAM sizes against IAM's quotas (src/guardrails/iam-limits.ts);
 * 3. an offline `terraform plan` of its AWS stacks;
 * 4. bootstrap, registry and access applied into moto through the src/local harness (cdktf deploy
 *    for bootstrap, as the apply suite does; terraform apply in cdktf's folders for the others),
 *    without the pull-through cache (moto has none).
 * Prints Markdown for the README.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { parseConfig } from '../config/load';
import type { PlatformConfigInput } from '../config/schema';
import { buildApp } from '../app';
import { synthesizedStacks, type SynthesizedStack } from '../guardrails';
import { iamLimitProblems } from '../guardrails/iam-limits';
import { count, IAM_QUOTAS, iamQuotaSettings, policyLength } from '../domain/iam/quotas';
import { startMoto } from '../local/moto';
import { cdktfDeploy, localConfig, localEnv, prepareLocalRun, terraform } from '../local/deploy';
import { createRole, deleteBucketPolicy, describeRepositories } from '../local/aws-api';
import { offlinePlan } from '../local/offline-plan';
import { terraformCliConfig } from '../local/terraform-mirror';
import { scaleConfig } from './scale-config';
import { startCommand, type Command } from './command';
import { writeLine, type CliIo } from './io';

const ROOT = path.resolve(__dirname, '..', '..');
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p));
const SCALE = { repositories: 1000, githubRepositories: 30 } as const;

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

function runOnce(io: CliIo, configPath: string | undefined, outdir: string): Sample {
  const env = { ...io.env, CDKTF_OUTDIR: outdir, ...(configPath ? { PLATFORM_CONFIG: configPath } : {}) };
  if (!configPath) delete env.PLATFORM_CONFIG;
  // The whole npm script, npm's own start-up included: what a user waits for.
  const command = ['npm', 'run', '--silent', 'synth'];
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M', ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  // GNU time reports the largest resident set of the process tree's biggest process (node).
  const kb = GNU_TIME ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, maxRssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

/** The largest IAM document of each kind in the synthesized stacks, and the most policies attached to one role. */
function iamSizes(stacks: readonly SynthesizedStack[]) {
  const resources = (type: string) => stacks.flatMap((s) => Object.values<Record<string, unknown>>(s.json.resource?.[type] ?? {}));
  const lengths = (type: string, key: string) => resources(type).map((r) => policyLength(String(r[key] ?? '')));
  const perRole = new Map<string, number>();
  for (const a of resources('aws_iam_role_policy_attachment')) perRole.set(String(a.role), (perRole.get(String(a.role)) ?? 0) + 1);
  return {
    policies: resources('aws_iam_policy').length,
    largestPolicy: Math.max(0, ...lengths('aws_iam_policy', 'policy')),
    roles: resources('aws_iam_role').length,
    largestTrust: Math.max(0, ...lengths('aws_iam_role', 'assume_role_policy')),
    mostAttached: Math.max(0, ...perRole.values()),
  };
}

/** `npm run bench [-- <runs>]` */
export const run: Command = async (argv, io) => {
  const runs = Number(argv[0] ?? 5);
  const print = (line = '') => writeLine(io.stdout, line);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-bench-'));
  const input = scaleConfig(SCALE) as PlatformConfigInput;
  const large = path.join(dir, 'platform-large.yaml');
  fs.writeFileSync(large, stringify(input));
  const name = `example + ${count(SCALE.repositories)} repositories, ${SCALE.githubRepositories} GitHub repositories`;
  try {
    // --- 1. synth
    print(`\`npm run synth\` (every stack), median of ${runs} runs, ${os.cpus().length} CPUs, Node ${process.version}`);
    print();
    print('| configuration | median wall time | peak memory (RSS) |');
    print('| --- | --- | --- |');
    for (const [label, configPath] of [['example configuration', undefined], [name, large]] as const) {
      runOnce(io, configPath, path.join(dir, 'warmup')); // fills the OS file cache
      const samples = Array.from({ length: runs }, (_, i) => runOnce(io, configPath, path.join(dir, `out-${i}`)));
      const rss = samples.map((s) => s.maxRssMb).filter((v): v is number => v !== undefined);
      print(`| ${label} | ${median(samples.map((s) => s.seconds)).toFixed(2)} s | ${rss.length ? `${Math.round(Math.max(...rss))} MB` : 'n/a (no GNU time)'} |`);
    }

    // --- 2. IAM limits of the large configuration
    const config = parseConfig(input);
    const stacks = synthesizedStacks(buildApp(config).app);
    const problems = iamLimitProblems(stacks, iamQuotaSettings(config.aws.iamQuotas));
    const sizes = iamSizes(stacks);
    print();
    print(`${name}: ${config.registry.repositories.length} ECR repositories, ${config.access.github.ciRoles.length} CI roles; IAM limits ${problems.length ? `EXCEEDED:\n${problems.join('\n')}` : 'all met'}`);
    print();
    print('| IAM | largest | limit |');
    print('| --- | --- | --- |');
    print(`| managed policy (${sizes.policies} policies) | ${count(sizes.largestPolicy)} characters | ${count(IAM_QUOTAS.managedPolicyLength)} |`);
    print(`| role trust policy (${sizes.roles} roles) | ${count(sizes.largestTrust)} characters | ${count(iamQuotaSettings(config.aws.iamQuotas).roleTrustPolicyLength)} |`);
    print(`| managed policies on one role | ${sizes.mostAttached} | ${iamQuotaSettings(config.aws.iamQuotas).managedPoliciesPerRole} |`);

    // --- 3. offline plan of the AWS stacks (from the last synth run's output)
    const { file: cliConfig } = terraformCliConfig({ env: io.env }, path.join(dir, 'terraform'));
    print();
    print('| offline `terraform init` + `plan` | resources to add | wall time |');
    print('| --- | --- | --- |');
    for (const stack of ['bootstrap', 'registry', 'access']) {
      const [plan, seconds] = await timed(() => offlinePlan(path.join(dir, `out-${runs - 1}`, 'stacks', stack), io.env, cliConfig));
      print(`| ${stack} | ${plan.toAdd} | ${seconds.toFixed(1)} s |`);
    }

    // --- 4. apply into moto
    const moto = await startMoto(config.aws.accountId, io.env);
    try {
      const local = await prepareLocalRun(path.join(dir, 'apply'), localConfig(input, moto.url), localEnv(io.env, cliConfig));
      print();
      print('Applied into moto (`src/local`), the pull-through cache left out (moto has none):');
      print();
      print('| stacks | wall time |');
      print('| --- | --- |');
      const [bootstrap, bootstrapSeconds] = await timed(() => cdktfDeploy(local, ['bootstrap']));
      if (bootstrap.code) throw new Error(`bootstrap deploy failed:\n${bootstrap.stderr.slice(-4000)}\n${bootstrap.stdout.slice(-4000)}`);
      print(`| bootstrap (synth included) | ${bootstrapSeconds.toFixed(1)} s |`);
      // moto applies a bucket policy's Deny without its conditions (see the apply suite): drop the TLS-only policy.
      await deleteBucketPolicy(moto.url, config.aws.region, config.state.bucket);
      // Pull principals are roles that exist before the platform.
      for (const grant of config.access.pullPrincipals) await createRole(moto.url, grant.principal.split('/').pop()!);
      // Plain terraform in cdktf's stack folders (what cdktf deploy runs): cdktf's own handling of a
      // 2,000-resource apply's output costs it more than the apply itself.
      const [applies, deploySeconds] = await timed(() =>
        Promise.all(
          ['registry', 'access'].map(async (stack) => {
            const init = await terraform(local, stack, ['init', '-input=false']);
            return init.code ? init : terraform(local, stack, ['apply', '-auto-approve', '-input=false']);
          }),
        ),
      );
      const failed = applies.find((result) => result.code);
      if (failed) throw new Error(`registry/access apply failed:\n${failed.stderr.slice(-4000)}\n${failed.stdout.slice(-4000)}`);
      const repositories = await describeRepositories(moto.url, config.aws.region);
      print(`| registry + access, \`terraform init\` + \`apply\` side by side (${repositories.length} repositories created) | ${deploySeconds.toFixed(1)} s |`);
    } finally {
      await moto.stop();
    }
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

if (require.main === module) startCommand('bench', run);
