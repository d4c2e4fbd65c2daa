/**
 * A large configuration deployed for real into moto and re-planned: a customer KMS key, a
 * repository policy on every repository (pull for another account), cross-region replication,
 * ENHANCED scanning with two rules, and 30 GitHub repositories on one CI role (38 fit its
 * 2,048-character trust policy) that pushes to two of every three repositories by name. 150
 * repositories: past the some 90 at which one managed policy of exact ARNs would exceed IAM's
 * 6,144 characters, so the CI role's push grant and the pull and read grants are split into
 * several policies, which must all apply and attach. `npm run test:large` (a step of CI) runs it
 * with the 1,000 repositories the IAM limits allow, 664 of them pushed by name (about 95 s on two
 * cores, more than `npm test`'s budget holds); APPLY_LARGE_REPOSITORIES=<n> sets another count.
 * Plain terraform on an in-process synth: init, apply, plan -detailed-exitcode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfigInput } from '../../src/config/schema';
import { createBucket, describeRepositoryDetails, listAttachedRolePolicies } from '../../src/local/aws-api';
import { terraform, type LocalRun } from '../../src/local/deploy';
import { startMoto, type MotoServer } from '../../src/local/moto';
import { stopRunning } from '../../src/local/run';
import { output, synthesizeLocal } from '../support/local-aws';

const REPOSITORIES = Number(process.env.APPLY_LARGE_REPOSITORIES) || 150;
// One CI role's trust policy holds 38 of these subjects within IAM's 2,048 characters.
const GITHUB_REPOSITORIES = 30;
const TEAMS = 6;
const team = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;
const repositoryName = (i: number) => `${team(i)}/service-${String(i).padStart(4, '0')}`;
// Two of every three repositories: not every repository under a team prefix, so the grant names each one.
const PUSHED = Array.from({ length: REPOSITORIES }, (_, i) => i).filter((i) => Math.floor(i / TEAMS) % 3 !== 0).map(repositoryName);

const LARGE_CONFIG: PlatformConfigInput = {
  project: 'bulk',
  owner: 'platform-team',
  aws: { accountId: '123456789012', region: 'eu-central-1' },
  state: { bucket: 'bulk-terraform-state' },
  environments: { dev: {}, prod: { production: true } },
  registry: {
    defaults: { encryption: { type: 'KMS' }, pull: { principals: ['222233334444'] } },
    repositories: Array.from({ length: REPOSITORIES }, (_, i) => ({ name: repositoryName(i) })),
    scanning: {
      type: 'ENHANCED',
      rules: [
        { frequency: 'CONTINUOUS_SCAN', filters: ['team-00/*'] },
        { frequency: 'SCAN_ON_PUSH', filters: ['*'] },
      ],
    },
    replication: { rules: [{ destinations: [{ region: 'eu-west-1' }], prefixFilters: ['team-00', 'team-01'] }] },
  },
  access: {
    github: {
      repositories: Array.from({ length: GITHUB_REPOSITORIES }, (_, i) => `bulk-org/app-${String(i).padStart(2, '0')}`),
      ciRoles: [{ name: 'bulk-ci', branches: ['main'], pushTo: PUSHED }],
    },
  },
};

let moto: MotoServer | undefined;
let run: LocalRun | undefined;

afterAll(async () => {
  await stopRunning();
  await moto?.stop();
  if (run) fs.rmSync(run.workdir, { recursive: true, force: true });
});

test(`${REPOSITORIES} repositories with KMS, repository policies, replication, ENHANCED scanning and ${GITHUB_REPOSITORIES} GitHub repositories on a CI role that pushes to ${PUSHED.length} of them apply and re-plan with no changes`, async () => {
  moto = await startMoto(LARGE_CONFIG.aws.accountId, process.env);
  await createBucket(moto.url, LARGE_CONFIG.aws.region, LARGE_CONFIG.state.bucket);
  const local = synthesizeLocal('large', LARGE_CONFIG, moto.url);
  run = local;
  const results = await Promise.all(
    ['registry', 'access'].map(async (stack) => {
      for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) {
        const result = await terraform(local, stack, args);
        if (result.code !== 0) return { stack, step: args[0], code: result.code, output: output(result) };
      }
      const plan = await terraform(local, stack, ['plan', '-detailed-exitcode', '-input=false']);
      return { stack, step: 'plan', code: plan.code, output: plan.code ? output(plan) : '' };
    }),
  );
  expect(results).toEqual([
    { stack: 'registry', step: 'plan', code: 0, output: '' },
    { stack: 'access', step: 'plan', code: 0, output: '' },
  ]);
  const repositories = await describeRepositoryDetails(moto.url, LARGE_CONFIG.aws.region);
  expect(repositories).toHaveLength(REPOSITORIES);
  expect(new Set(repositories.map((r) => r.encryptionConfiguration.encryptionType))).toEqual(new Set(['KMS']));
  // The push grant, split by size, is attached whole: every policy the synthesis made.
  const synthesized = JSON.parse(fs.readFileSync(path.join(local.outdir, 'stacks', 'access', 'cdk.tf.json'), 'utf8')) as { resource: { aws_iam_policy: Record<string, { name: string }> } };
  const pushPolicies = Object.values(synthesized.resource.aws_iam_policy).map((p) => p.name).filter((name) => /^bulk-ci-ecr-push(-\d+)?$/.test(name));
  expect(pushPolicies.length).toBeGreaterThan(1);
  expect((await listAttachedRolePolicies(moto.url, 'bulk-ci')).filter((name) => name.startsWith('bulk-ci-ecr-push')).sort()).toEqual(pushPolicies.sort());
}, 600_000);
