/**
 * Adoption, deployed for real into moto: the old setup of each tfvars layout is made through the
 * AWS API the way its own Terraform made it, its terraform.tfvars is translated, and the
 * translated stacks plan imports, create none of the adopted resources, replace or destroy
 * nothing, apply, and re-plan with no changes.
 *
 * - layout 1 (global/repos-ecr): three repositories, two with a lifecycle policy of the old
 *   setup's own and one with none, and the account's GitHub OIDC provider, which the old CI
 *   roles trusted;
 * - layout 2 (ECR repository objects, ecr_enable_encryption = true): two repositories encrypted
 *   with a KMS key of the old setup's own, whose ARN the tfvars path asks for (kms_key_arn);
 * - layout 3 (module inputs): the one repository {project}-{name}-{environment} the module made,
 *   with the module's tags and an image.
 *
 * The old setups are in one account (the fixtures' 111122223333), so one moto holds them, in
 * their own regions, and the layouts run side by side. Their state buckets are made through
 * the API: layout 1's is the old setup's own; the new ones of layouts 2 and 3 would come from the
 * bootstrap stack (applied in apply-bootstrap.test.ts). The stacks are synthesized in-process and
 * driven with plain terraform, so the saved plans can be read as JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tfvarsToConfig } from '../../src/config/parse/tfvars';
import type { PlatformConfigInput } from '../../src/config/schema';
import {
  createBucket,
  createKmsKey,
  createOidcProvider,
  createRepository,
  describeRepositoryDetails,
  listImageTags,
  listOidcProviders,
  putImage,
  putLifecyclePolicy,
} from '../../src/local/aws-api';
import { terraform, type LocalRun } from '../../src/local/deploy';
import { startMoto, type MotoServer } from '../../src/local/moto';
import { stopRunning } from '../../src/local/run';
import { output, plannedChanges, synthesizeLocal, type PlannedChange } from '../support/local-aws';

const ACCOUNT = '111122223333';
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tfvars', name, 'terraform.tfvars'), 'utf8');

/** The old setups' lifecycle policy text: not the platform's, so the apply writes the configured one over it. */
const OLD_POLICY = {
  rules: [{ rulePriority: 1, description: 'old: expire untagged', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }, action: { type: 'expire' } }],
};

let moto: MotoServer | undefined;
const runs: LocalRun[] = [];

afterAll(async () => {
  await stopRunning();
  await moto?.stop();
  for (const run of runs) fs.rmSync(run.workdir, { recursive: true, force: true });
});

/** Layout 1's old setup, as global/repos-ecr's Terraform made it: AES256, scan on push, MUTABLE. */
async function oldReposEcrSetup(url: string): Promise<void> {
  const region = 'eu-central-1';
  await createBucket(url, region, 'acme-terraform-state');
  for (const name of ['my-web-app', 'api-service', 'worker']) await createRepository(url, region, { name, scanOnPush: true });
  await putLifecyclePolicy(url, region, 'my-web-app', OLD_POLICY);
  await putLifecyclePolicy(url, region, 'api-service', OLD_POLICY);
  // worker: no lifecycle policy.
  await putImage(url, region, 'my-web-app', 'v1.0.0');
  await createOidcProvider(url, 'https://token.actions.githubusercontent.com', ['sts.amazonaws.com'], ['6938fd4d98bab03faadb97b34396831e3780aea1']);
}

/** Layout 2's old setup: a KMS key of its own, and the two repositories encrypted with it. */
async function oldRepositoryObjectsSetup(url: string): Promise<string> {
  const region = 'eu-west-1';
  await createBucket(url, region, 'initech-platform-state');
  const key = await createKmsKey(url, region, 'initech ECR images');
  await createRepository(url, region, { name: 'infrastructure', tagMutability: 'IMMUTABLE', scanOnPush: true, kmsKey: key });
  await createRepository(url, region, { name: 'deployments', tagMutability: 'MUTABLE', scanOnPush: true, kmsKey: key });
  await putLifecyclePolicy(url, region, 'infrastructure', OLD_POLICY);
  await putLifecyclePolicy(url, region, 'deployments', OLD_POLICY);
  await putImage(url, region, 'infrastructure', 'v1.0.0');
  return key;
}

/** Layout 3's old setup: the module's one repository, tagged by it, holding an image. */
async function oldModuleSetup(url: string): Promise<void> {
  const region = 'ap-southeast-1';
  await createBucket(url, region, 'nashtech-devops-terraform-state');
  const tags = { Project: 'nashtech-devops', Environment: 'mgmt', Owner: 'nashtech-platform' };
  await createRepository(url, region, { name: 'nashtech-devops-ecr-mgmt', scanOnPush: true, tags });
  await putImage(url, region, 'nashtech-devops-ecr-mgmt', 'v3.2.1');
}

interface Adoption {
  readonly run: LocalRun;
  readonly stacks: readonly string[];
  readonly plans: Record<string, PlannedChange[]>;
  readonly applies: Record<string, { code: number; stdout: string; stderr: string }>;
  readonly replans: Record<string, { code: number; stdout: string; stderr: string }>;
}

/** init, plan -json -out, apply the saved plan, plan again: each stack side by side. */
async function adopt(name: string, config: PlatformConfigInput, stacks: readonly string[]): Promise<Adoption> {
  const run = synthesizeLocal(name, config, moto!.url);
  runs.push(run);
  const plans: Adoption['plans'] = {};
  const applies: Adoption['applies'] = {};
  const replans: Adoption['replans'] = {};
  await Promise.all(
    stacks.map(async (stack) => {
      const steps: Array<[string, string[]]> = [
        ['init', ['init', '-input=false']],
        ['plan', ['plan', '-json', '-input=false', '-out=adopt.tfplan']],
      ];
      for (const [step, args] of steps) {
        const result = await terraform(run, stack, args);
        if (result.code !== 0) throw new Error(`${name} ${stack}: terraform ${step} failed:\n${output(result)}`);
        if (step === 'plan') plans[stack] = plannedChanges(result.stdout);
      }
      applies[stack] = await terraform(run, stack, ['apply', '-input=false', 'adopt.tfplan']);
      replans[stack] = await terraform(run, stack, ['plan', '-detailed-exitcode', '-input=false']);
    }),
  );
  return { run, stacks, plans, applies, replans };
}

const ADOPTED_TYPES = ['aws_ecr_repository', 'aws_iam_openid_connect_provider', 'aws_kms_key'];

/** What a plan does to the adopted resources and what it destroys: the properties the migration promises. */
function summary(changes: readonly PlannedChange[]) {
  return {
    destroyed: changes.filter((c) => c.actions.includes('delete')).map((c) => c.address),
    adoptedCreated: changes.filter((c) => ADOPTED_TYPES.includes(c.type) && c.actions.includes('create')).map((c) => c.address),
  };
}

function imported(changes: readonly PlannedChange[], type: string): string[] {
  return changes.filter((c) => c.type === type && c.importing).map((c) => c.address);
}

let layout1: Adoption;
let layout2: Adoption;
let layout2Key: string;
let layout3: Adoption;

beforeAll(async () => {
  moto = await startMoto(ACCOUNT, process.env);
  const [, key] = await Promise.all([oldReposEcrSetup(moto.url), oldRepositoryObjectsSetup(moto.url), oldModuleSetup(moto.url)]);
  layout2Key = key;
  const reposEcr = await tfvarsToConfig(fixture('repos-ecr'), 'terraform.tfvars');
  // The key the old repositories use, passed as `npm run import-tfvars -- ... -var kms_key_arn=<arn>` would.
  const repositoryObjects = await tfvarsToConfig(fixture('ecr-objects'), 'terraform.tfvars', { variables: { kms_key_arn: key } });
  const moduleInputs = await tfvarsToConfig(fixture('module-inputs'), 'terraform.tfvars');
  // Layouts 2 and 3 have no access stack of their own here: the account's OIDC provider is layout 1's.
  [layout1, layout2, layout3] = await Promise.all([
    adopt('layout1', reposEcr, ['registry', 'access']),
    adopt('layout2', repositoryObjects, ['registry']),
    adopt('layout3', moduleInputs, ['registry']),
  ]);
}, 600_000);

describe('layout 1 (global/repos-ecr): repositories, one without a lifecycle policy, and the OIDC provider', () => {
  test('the plans import every repository and the OIDC provider, create none of them and destroy nothing', () => {
    const { registry, access } = layout1.plans;
    expect(imported(registry, 'aws_ecr_repository')).toHaveLength(3);
    expect(imported(access, 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(summary(registry)).toEqual({ destroyed: [], adoptedCreated: [] });
    expect(summary(access)).toEqual({ destroyed: [], adoptedCreated: [] });
    // Each lifecycle policy is written (PutLifecyclePolicy), over the old text or where there was none.
    expect(registry.filter((c) => c.type === 'aws_ecr_lifecycle_policy').map((c) => c.actions)).toEqual([['create'], ['create'], ['create']]);
  });

  test('they apply; the repositories keep their images; the stacks re-plan with no changes', async () => {
    for (const stack of layout1.stacks) {
      expect({ stack, code: layout1.applies[stack].code, output: layout1.applies[stack].code ? output(layout1.applies[stack]) : '' }).toEqual({ stack, code: 0, output: '' });
      expect({ stack, code: layout1.replans[stack].code, output: layout1.replans[stack].code ? output(layout1.replans[stack]) : '' }).toEqual({ stack, code: 0, output: '' });
    }
    expect((await describeRepositoryDetails(moto!.url, 'eu-central-1')).map((r) => r.repositoryName).sort()).toEqual(['api-service', 'my-web-app', 'worker']);
    expect(await listImageTags(moto!.url, 'eu-central-1', 'my-web-app')).toEqual(['v1.0.0']);
    expect(await listOidcProviders(moto!.url)).toEqual([`arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`]);
  });

  test('destroy: the registry stack refuses to delete an adopted repository that holds an image', async () => {
    const repository = layout1.plans.registry.find((c) => c.type === 'aws_ecr_repository' && c.address.includes('my-web-app'))!.address;
    const destroy = await terraform(layout1.run, 'registry', ['destroy', '-auto-approve', '-input=false', '-refresh=false', `-target=${repository}`]);
    expect(destroy.code).toBe(1);
    // force_delete is off: ECR itself refuses (DeleteRepository without force on a repository with images).
    expect(destroy.stderr).toMatch(/RepositoryNotEmptyException/);
    expect(await listImageTags(moto!.url, 'eu-central-1', 'my-web-app')).toEqual(['v1.0.0']);
  }, 120_000);
});

describe('layout 2 (ECR repository objects): repositories encrypted with a KMS key of their own', () => {
  test('the plan imports both repositories with their key, makes no key, creates none of them and destroys nothing', () => {
    const { registry } = layout2.plans;
    expect(imported(registry, 'aws_ecr_repository')).toHaveLength(2);
    expect(summary(registry)).toEqual({ destroyed: [], adoptedCreated: [] });
    expect(registry.filter((c) => c.type === 'aws_kms_key')).toEqual([]);
  });

  test('it applies; the repositories keep their key and images; the stack re-plans with no changes', async () => {
    expect({ code: layout2.applies.registry.code, output: layout2.applies.registry.code ? output(layout2.applies.registry) : '' }).toEqual({ code: 0, output: '' });
    expect({ code: layout2.replans.registry.code, output: layout2.replans.registry.code ? output(layout2.replans.registry) : '' }).toEqual({ code: 0, output: '' });
    const repositories = await describeRepositoryDetails(moto!.url, 'eu-west-1');
    expect(Object.fromEntries(repositories.map((r) => [r.repositoryName, [r.imageTagMutability, r.encryptionConfiguration]]))).toEqual({
      infrastructure: ['IMMUTABLE', { encryptionType: 'KMS', kmsKey: layout2Key }],
      deployments: ['MUTABLE', { encryptionType: 'KMS', kmsKey: layout2Key }],
    });
    expect(await listImageTags(moto!.url, 'eu-west-1', 'infrastructure')).toEqual(['v1.0.0']);
  });
});

describe('layout 3 (module inputs): the module\'s one repository', () => {
  test('the plan imports the repository, creates none of the adopted resources and destroys nothing', () => {
    const { registry } = layout3.plans;
    expect(imported(registry, 'aws_ecr_repository')).toHaveLength(1);
    expect(summary(registry)).toEqual({ destroyed: [], adoptedCreated: [] });
  });

  test('it applies; the repository keeps its image; the stack re-plans with no changes', async () => {
    expect({ code: layout3.applies.registry.code, output: layout3.applies.registry.code ? output(layout3.applies.registry) : '' }).toEqual({ code: 0, output: '' });
    expect({ code: layout3.replans.registry.code, output: layout3.replans.registry.code ? output(layout3.replans.registry) : '' }).toEqual({ code: 0, output: '' });
    expect((await describeRepositoryDetails(moto!.url, 'ap-southeast-1')).map((r) => r.repositoryName)).toEqual(['nashtech-devops-ecr-mgmt']);
    expect(await listImageTags(moto!.url, 'ap-southeast-1', 'nashtech-devops-ecr-mgmt')).toEqual(['v3.2.1']);
  });
});
