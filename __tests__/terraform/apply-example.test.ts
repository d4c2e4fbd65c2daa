/**
 * The example configuration's registry and access stacks deployed for real into moto with
 * `cdktf deploy`. Pull-through cache is left out (moto has no such API; the offline plan tests
 * cover it). The state bucket is made through the API, as the bootstrap stack leaves it (that
 * stack's apply is apply-bootstrap.test.ts, run beside this one): a bucket policy that moto
 * could enforce would deny every object request, since moto applies a Deny without evaluating
 * its conditions (the bootstrap's TLS-only policy), and the bootstrap apply alone takes a minute.
 * Then `npm run plan` of a changed configuration against that state: the destroy guard. The
 * registry replicates faro-rag/* to eu-west-1, as the example does. (A destroy of a repository
 * that holds images: apply-adoption.test.ts, on an adopted one.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdktfDeploy, localConfig, stackDir, terraform } from '../../src/local/deploy';
import { describeRepositories, listObjectKeys } from '../../src/local/aws-api';
import { spawn } from 'node:child_process';
import { exampleConfig, output, useScenario } from '../support/local-aws';
import { run as plan } from '../../src/cli/plan';
import { runCli } from '../support/cli';

const config = exampleConfig();
const bucket = config.state.bucket;
const region = config.aws.region;

const s = useScenario('example', config, { stateBucket: true });

test('registry and access apply, keep their state at the documented keys, and leave no lock file', async () => {
  const deploy = await cdktfDeploy(s().local, ['registry', 'access']);
  expect({ code: deploy.code, output: deploy.code ? output(deploy) : '' }).toEqual({ code: 0, output: '' });
  const keys = await listObjectKeys(s().moto.url, region, bucket);
  expect(keys.sort()).toEqual(['global/github-oidc/terraform.tfstate', 'global/repos-ecr/terraform.tfstate']);
  expect(keys.filter((key) => key.endsWith('.tflock'))).toEqual([]);
  const repositories = (await describeRepositories(s().moto.url, region)).map((r) => r.repositoryName).sort();
  expect(repositories).toEqual(config.registry!.repositories!.map((r) => r.name).sort());
}, 240_000);

test('npm run plan against the deployed state: refuses to destroy a repository, lists it by address; a lifecycle policy replacement is not refused', async () => {
  // The configuration without custom-apps, and deployments with another lifecycle preset,
  // pointed at moto through AWS_ENDPOINT_URL (the deploy above tested the endpoints block; this
  // saves its cost, about 4 s, in each of the plan's terraform commands).
  const config = localConfig(exampleConfig(), s().moto.url, 'environment') as any;
  config.registry.repositories = config.registry.repositories
    .filter((r: any) => r.name !== 'custom-apps')
    .map((r: any) => (r.name === 'deployments' ? { ...r, lifecyclePolicy: { preset: 'keep-last-10' } } : r));
  config.access.github.ciRoles[0].pushTo = config.access.github.ciRoles[0].pushTo.filter((n: string) => n !== 'custom-apps');
  const configPath = path.join(s().local.workdir, 'changed.json');
  fs.writeFileSync(configPath, JSON.stringify(config));
  const env = { ...s().local.env, AWS_ENDPOINT_URL: s().moto.url, PLATFORM_CONFIG: configPath, CDKTF_OUTDIR: path.join(s().local.workdir, 'plan.out') };
  const markdown = path.join(s().local.workdir, 'plan.md');

  const refused = await runCli(plan, ['registry', `--markdown=${markdown}`], env, 'plan');
  expect(refused.code).toBe(1);
  const row = refused.out.find((l) => l.startsWith('registry '))!.split(/\s+/);
  expect(row).toEqual(['registry', '0', '0', '0', '1', '2']); // 1 replace; destroy: the repository and its lifecycle policy
  expect(refused.out).toEqual(expect.arrayContaining([
    expect.stringMatching(/^registry: destroy aws_ecr_repository\.repo-custom-apps_repository_[0-9A-F]+ {2}BLOCKED: a repository: its images are deleted with it/),
    expect.stringMatching(/^registry: destroy aws_ecr_lifecycle_policy\.repo-custom-apps_lifecycle-policy_[0-9A-F]+$/),
    expect.stringMatching(/^registry: replace aws_ecr_lifecycle_policy\.repo-deployments_lifecycle-policy_[0-9A-F]+$/),
  ]));
  expect(refused.err).toEqual([expect.stringMatching(/^refused: 1 change would destroy or replace what cannot be brought back/)]);
  expect(fs.readFileSync(markdown, 'utf8')).toMatch(/- `registry`: destroy `aws_ecr_repository\.repo-custom-apps_repository_[0-9A-F]+` \(\*\*blocked\*\*/);
}, 150_000);

test('registry and access re-plan with no changes', async () => {
  const [registry, access] = await Promise.all([
    terraform(s().local, 'registry', ['plan', '-detailed-exitcode', '-input=false']),
    terraform(s().local, 'access', ['plan', '-detailed-exitcode', '-input=false']),
  ]);
  expect({ code: registry.code, output: registry.code ? output(registry) : '' }).toEqual({ code: 0, output: '' });
  expect({ code: access.code, output: access.code ? output(access) : '' }).toEqual({ code: 0, output: '' });
}, 180_000);

test('a plan while another run holds the state lock fails with the lock error and changes nothing', async () => {
  // `terraform console` holds the state lock for as long as it runs.
  const holder = spawn('terraform', ['console', '-no-color'], { cwd: stackDir(s().local, 'access'), env: s().local.env, stdio: ['pipe', 'ignore', 'ignore'] });
  const closed = new Promise((resolve) => holder.once('close', resolve));
  const lock = 'global/github-oidc/terraform.tfstate.tflock';
  try {
    const deadline = Date.now() + 30_000;
    while (!(await listObjectKeys(s().moto.url, region, bucket)).includes(lock)) {
      if (Date.now() > deadline || holder.exitCode !== null) throw new Error('terraform console never took the lock');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const plan = await terraform(s().local, 'access', ['plan', '-input=false', '-lock-timeout=0s']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Error acquiring the state lock');
  } finally {
    holder.stdin.end();
    await closed;
  }
  // The holder released the lock; the state is as the apply left it.
  expect(await listObjectKeys(s().moto.url, region, bucket)).not.toContain(lock);
}, 120_000);
