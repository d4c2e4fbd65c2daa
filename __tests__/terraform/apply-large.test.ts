/**
 * `npm run test:large` (and .ci/run; outside `npm test` for its time budget): a large
 * configuration deployed for real into moto and re-planned: a customer KMS key, a
 * repository policy on every repository (pull for another account), cross-region replication,
 * ENHANCED scanning with two rules, and many GitHub repositories on one CI role that pushes to
 * every repository: 80 repositories, which apply and re-plan clean today (the CI role's push
 * policy names team prefixes, so it stays small; issue 10's policy splitting is what lets
 * per-repository grants reach 1,000). APPLY_LARGE_REPOSITORIES=<n> runs it with another count.
 * The time goes mostly to starting the provider for each terraform command, not to the count
 * (60 and 80 took the same). Plain terraform on an in-process synth: init, apply, plan
 * -detailed-exitcode.
 */
import * as fs from 'node:fs';
import type { PlatformConfigInput } from '../../src/config/schema';
import { createBucket, describeRepositoryDetails } from '../../src/local/aws-api';
import { terraform, type LocalRun } from '../../src/local/deploy';
import { startMoto, type MotoServer } from '../../src/local/moto';
import { stopRunning } from '../../src/local/run';
import { output, synthesizeLocal } from '../support/local-aws';

const REPOSITORIES = Number(process.env.APPLY_LARGE_REPOSITORIES) || 80;
// One CI role's trust policy holds 38 of these subjects within IAM's 2,048 characters.
const GITHUB_REPOSITORIES = 30;
const TEAMS = 6;
const team = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;

const LARGE_CONFIG: PlatformConfigInput = {
  project: 'bulk',
  owner: 'platform-team',
  aws: { accountId: '123456789012', region: 'eu-central-1' },
  state: { bucket: 'bulk-terraform-state' },
  environments: { dev: {}, prod: { production: true } },
  registry: {
    defaults: { encryption: { type: 'KMS' }, pull: { principals: ['222233334444'] } },
    repositories: Array.from({ length: REPOSITORIES }, (_, i) => ({ name: `${team(i)}/service-${String(i).padStart(3, '0')}` })),
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
      ciRoles: [{ name: 'bulk-ci', branches: ['main'], pushTo: Array.from({ length: TEAMS }, (_, i) => `${team(i)}/*`) }],
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

test(`${REPOSITORIES} repositories with KMS, repository policies, replication, ENHANCED scanning and ${GITHUB_REPOSITORIES} GitHub repositories on a CI role apply and re-plan with no changes`, async () => {
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
}, 600_000);
