import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/load';
import { run as synth } from '../../src/cli/synth';
import { runCli } from '../support/cli';
import { translateTfvars, tfvarsToConfig } from '../../src/config/parse/tfvars';
import { lifecyclePolicyFor } from '../../src/config/parse/tfvars/layouts/repository-objects';
import { fixturePath, fixtureText, lifecyclePolicyOf, repositoryId, synthesize } from './support';
import { tempDir } from '../support/temp-dir';

const RELEASE = ['v', 'prod', 'staging', 'dev'];

/** The rules of a synthesized lifecycle policy, as ECR reads them. */
function rulesOf(policy: any): any[] {
  return JSON.parse(policy.policy).rules.map(({ description: _, ...rule }: any) => rule);
}

/** `import` blocks of a stack as { address: id }. */
function imports(stack: any): Record<string, string> {
  return Object.fromEntries((stack.import ?? []).map((block: any) => [block.to, block.id]));
}

describe('layout 1: global/repos-ecr', () => {
  test('repository_names, github_repos and bucket become repositories, a CI role and the state bucket', async () => {
    const translation = await translateTfvars(fixtureText('repos-ecr'), 'terraform.tfvars');
    expect(translation.layout).toBe('repos-ecr');
    expect(translation.config).toEqual({
      project: 'acme',
      owner: 'platform-team',
      aws: { accountId: '111122223333', region: 'eu-central-1' },
      state: { bucket: 'acme-terraform-state' },
      environments: { global: {} },
      registry: {
        repositories: [
          { name: 'my-web-app', adopt: true },
          { name: 'api-service', adopt: true },
          { name: 'worker', adopt: true },
        ],
      },
      access: {
        github: {
          adoptOidcProvider: true,
          repositories: ['acme/app-repo', 'acme/infra-repo'],
          ciRoles: [{ name: 'acme-github-actions-ecr-push', branches: ['main'], pushTo: ['my-web-app', 'api-service', 'worker'] }],
        },
      },
    });
  });

  test('synthesizes the repositories with the defaults, each imported under its name (its lifecycle policy is written)', async () => {
    const { registry } = synthesize(await tfvarsToConfig(fixtureText('repos-ecr'), 'terraform.tfvars'));
    expect(registry.provider.aws[0].region).toBe('eu-central-1');
    expect(registry.terraform.backend.s3).toMatchObject({ bucket: 'acme-terraform-state', key: 'global/repos-ecr/terraform.tfstate' });
    expect(Object.values(registry.resource.aws_ecr_repository).map((r: any) => r.name).sort()).toEqual(['api-service', 'my-web-app', 'worker']);

    const expectedImports: Record<string, string> = {};
    for (const name of ['my-web-app', 'api-service', 'worker']) {
      const id = repositoryId(registry, name);
      const repository = registry.resource.aws_ecr_repository[id];
      expect(repository.image_tag_mutability).toBe('MUTABLE');
      expect(repository.image_scanning_configuration).toEqual({ scan_on_push: true });
      expect(repository.encryption_configuration).toEqual([{ encryption_type: 'AES256' }]);
      const [, policy] = lifecyclePolicyOf(registry, id);
      expect(rulesOf(policy)).toEqual([
        { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 3 }, action: { type: 'expire' } },
        // The newest 10 of each release prefix: one rule per prefix (several in one rule would be ANDed).
        ...RELEASE.map((prefix, k) => ({ rulePriority: 2 + k, selection: { tagStatus: 'tagged', tagPrefixList: [prefix], countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } })),
      ]);
      expectedImports[`aws_ecr_repository.${id}`] = name;
    }
    expect(imports(registry)).toEqual(expectedImports);
  });

  test('the access stack imports the OIDC provider and gives the GitHub repositories one push role on main', async () => {
    const { access } = synthesize(await tfvarsToConfig(fixtureText('repos-ecr'), 'terraform.tfvars'));
    const [providerId] = Object.keys(access.resource.aws_iam_openid_connect_provider);
    expect(imports(access)).toEqual({
      [`aws_iam_openid_connect_provider.${providerId}`]: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    });
    const roles = Object.values(access.resource.aws_iam_role) as any[];
    expect(roles.map((r) => r.name)).toEqual(['acme-github-actions-ecr-push']);
    const trust = JSON.parse(roles[0].assume_role_policy);
    expect(JSON.stringify(trust)).toContain('repo:acme/app-repo:ref:refs/heads/main');
    expect(JSON.stringify(trust)).toContain('repo:acme/infra-repo:ref:refs/heads/main');
    const push = (Object.values(access.resource.aws_iam_policy) as any[]).find((p) => p.name === 'acme-github-actions-ecr-push-ecr-push');
    const resources = JSON.parse(push.policy).Statement.flatMap((s: any) => (s.Resource === '*' ? [] : [].concat(s.Resource)));
    expect([...new Set(resources)].sort()).toEqual(
      ['api-service', 'my-web-app', 'worker'].map((name) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`),
    );
  });

  test('other values: adopt = false creates the repositories; no github_repos, no CI role and no provider import', async () => {
    const config = await tfvarsToConfig(fixtureText('repos-ecr-us'), 'terraform.tfvars');
    expect(config).toEqual({
      project: 'globex',
      owner: 'sre',
      aws: { accountId: '444455556666', region: 'us-east-1' },
      state: { bucket: 'globex-tf-state-us' },
      environments: { dev: {}, prod: {} },
      registry: { repositories: [{ name: 'billing/api' }] },
    });
    const { registry, access } = synthesize(config);
    expect(registry.import).toBeUndefined();
    expect(access.import).toBeUndefined();
    expect(access.resource.aws_iam_role).toBeUndefined();
    expect(registry.resource.aws_ecr_repository[repositoryId(registry, 'billing/api')].image_tag_mutability).toBe('MUTABLE');
  });
});

const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('layout 2: ECR repository objects', () => {
  test('the issue\'s numbers are the platform and application presets; encryption true is KMS', async () => {
    const translation = await translateTfvars(fixtureText('ecr-objects'), 'terraform.tfvars');
    expect(translation.layout).toBe('ecr-repository-objects');
    expect(translation.config).toEqual({
      project: 'initech',
      owner: 'devops',
      aws: { accountId: '111122223333', region: 'eu-west-1' },
      state: { bucket: 'initech-platform-state' },
      environments: { global: {} },
      registry: {
        defaults: { scanOnPush: true, encryption: { type: 'KMS', kmsKeyArn: KMS_KEY } },
        repositories: [
          { name: 'infrastructure', tagMutability: 'IMMUTABLE', lifecyclePolicy: { preset: 'platform' }, adopt: true },
          { name: 'deployments', tagMutability: 'MUTABLE', lifecyclePolicy: { preset: 'application' }, adopt: true },
        ],
      },
    });
  });

  test('synthesizes both repositories with their settings, KMS encryption and lifecycle rules, imported by name', async () => {
    const { registry } = synthesize(await tfvarsToConfig(fixtureText('ecr-objects'), 'terraform.tfvars'));
    const infrastructure = repositoryId(registry, 'infrastructure');
    const deployments = repositoryId(registry, 'deployments');
    expect(registry.resource.aws_ecr_repository[infrastructure]).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
    expect(registry.resource.aws_ecr_repository[deployments]).toMatchObject({ image_tag_mutability: 'MUTABLE', image_scanning_configuration: { scan_on_push: true } });
    for (const id of [infrastructure, deployments]) {
      expect(registry.resource.aws_ecr_repository[id].encryption_configuration).toEqual([
        { encryption_type: 'KMS', kms_key: KMS_KEY },
      ]);
    }
    // The existing repositories' key: no key of the registry's own, so no repository is replaced.
    expect(registry.resource.aws_kms_key).toBeUndefined();
    const counts = (id: string) => rulesOf(lifecyclePolicyOf(registry, id)[1]).map((r) => [r.selection.tagStatus, r.selection.tagPrefixList, r.selection.countNumber]);
    expect(counts(infrastructure)).toEqual([['untagged', undefined, 7], ...RELEASE.map((prefix) => ['tagged', [prefix], 20])]);
    expect(counts(deployments)).toEqual([['untagged', undefined, 3], ...RELEASE.map((prefix) => ['tagged', [prefix], 10])]);
    expect(imports(registry)).toEqual({
      [`aws_ecr_repository.${infrastructure}`]: 'infrastructure',
      [`aws_ecr_repository.${deployments}`]: 'deployments',
    });
  });

  test('other numbers become explicit rules; string values convert as Terraform converts them', async () => {
    const config = await tfvarsToConfig(fixtureText('ecr-objects-custom'), 'terraform.tfvars');
    expect(config.registry).toEqual({
      defaults: { scanOnPush: false, encryption: { type: 'AES256' } },
      repositories: [
        {
          name: 'platform-images',
          tagMutability: 'MUTABLE',
          lifecyclePolicy: {
            rules: [
              { tagStatus: 'untagged', expireAfterDays: 14, description: 'Expire untagged images after 14 days' },
              ...RELEASE.map((prefix) => ({ tagStatus: 'tagged', tagPrefixes: [prefix], keepLast: 30, description: `Keep the newest 30 images tagged ${prefix}*` })),
            ],
          },
          adopt: true,
        },
        {
          name: 'releases',
          tagMutability: 'IMMUTABLE',
          lifecyclePolicy: {
            rules: [
              { tagStatus: 'untagged', expireAfterDays: 1, description: 'Expire untagged images after 1 day' },
              ...RELEASE.map((prefix) => ({ tagStatus: 'tagged', tagPrefixes: [prefix], keepLast: 5, description: `Keep the newest 5 images tagged ${prefix}*` })),
            ],
          },
          adopt: true,
        },
      ],
    });
    const { registry } = synthesize(config);
    const releases = repositoryId(registry, 'releases');
    expect(registry.resource.aws_ecr_repository[releases]).toMatchObject({
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: false },
      encryption_configuration: [{ encryption_type: 'AES256' }],
    });
    expect(registry.resource.aws_kms_key).toBeUndefined();
    expect(rulesOf(lifecyclePolicyOf(registry, releases)[1]).map((r) => r.selection.countNumber)).toEqual([1, 5, 5, 5, 5]);
    expect(Object.values(imports(registry)).sort()).toEqual(['platform-images', 'releases']);
  });

  test('lifecyclePolicyFor uses a preset only when both numbers match it', () => {
    expect(lifecyclePolicyFor(20, 7)).toEqual({ preset: 'platform' });
    expect(lifecyclePolicyFor(10, 3)).toEqual({ preset: 'application' });
    expect(lifecyclePolicyFor(20, 3)).toHaveProperty('rules');
    expect(lifecyclePolicyFor(10, 7)).toHaveProperty('rules');
  });

  test('create_ecr_repositories = false makes no repositories', async () => {
    const text = fixtureText('ecr-objects').replace('create_ecr_repositories = true', 'create_ecr_repositories = false');
    const config = await tfvarsToConfig(text, 'terraform.tfvars');
    expect(config.registry?.repositories).toEqual([]);
  });
});

describe('layout 3: module inputs', () => {
  test('name, project, environment and owner make one repository {project}-{name}-{environment} with tags', async () => {
    const translation = await translateTfvars(fixtureText('module-inputs'), 'terraform.tfvars');
    expect(translation.layout).toBe('module-inputs');
    expect(translation.config).toEqual({
      project: 'nashtech-devops',
      owner: 'nashtech-platform',
      aws: { accountId: '111122223333', region: 'ap-southeast-1' },
      state: { bucket: 'nashtech-devops-terraform-state' },
      environments: { mgmt: {} },
      registry: {
        namingScheme: '{project}-{name}-{environment}',
        repositories: [
          {
            name: 'ecr',
            environment: 'mgmt',
            tags: { Project: 'nashtech-devops', Environment: 'mgmt', Owner: 'nashtech-platform' },
            adopt: true,
          },
        ],
      },
    });
    const { registry } = synthesize(translation.config);
    const id = repositoryId(registry, 'nashtech-devops-ecr-mgmt');
    expect(registry.resource.aws_ecr_repository[id].tags).toEqual({ Project: 'nashtech-devops', Environment: 'mgmt', Owner: 'nashtech-platform' });
    expect(imports(registry)).toEqual({
      [`aws_ecr_repository.${id}`]: 'nashtech-devops-ecr-mgmt',
    });
  });

  test('other values: a production environment makes the repository immutable', async () => {
    const { registry } = synthesize(await tfvarsToConfig(fixtureText('module-inputs-prod'), 'terraform.tfvars'));
    const id = repositoryId(registry, 'hooli-images-prod');
    expect(registry.resource.aws_ecr_repository[id]).toMatchObject({
      image_tag_mutability: 'IMMUTABLE',
      tags: { Project: 'hooli', Environment: 'prod', Owner: 'hooli-sre' },
    });
    expect(registry.provider.aws[0]).toMatchObject({ region: 'eu-north-1', allowed_account_ids: ['999988887777'] });
    expect(Object.values(imports(registry))).toEqual(['hooli-images-prod']);
  });

  test('the module\'s environment is always one of the environments', async () => {
    const config = await tfvarsToConfig(`${fixtureText('module-inputs')}environments = ["dev", "prod"]\n`, 'terraform.tfvars');
    expect(config.environments).toEqual({ mgmt: {}, dev: {}, prod: {} });
  });

  test('adopt_oidc_provider = true imports the OIDC provider of a layout without github_repos', async () => {
    const config = await tfvarsToConfig(fixtureText('module-inputs'), 'terraform.tfvars', { variables: { adopt_oidc_provider: 'true' } });
    expect(config.access).toEqual({ github: { adoptOidcProvider: true } });
    const { access } = synthesize(config);
    expect(Object.values(imports(access))).toEqual(['arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com']);
  });
});

describe('options and the loader', () => {
  test('variables passed as options fill in what the file lacks and win over the file', async () => {
    const text = fixtureText('module-inputs').replace(/^account_id .*$/m, '').replace(/^region .*$/m, 'region = "eu-west-1"');
    const config = await tfvarsToConfig(text, 'terraform.tfvars', { variables: { account_id: '000011112222', region: 'eu-central-1', adopt: 'false' } });
    expect(config.aws).toEqual({ accountId: '000011112222', region: 'eu-central-1' });
    expect(config.registry?.repositories?.[0]).not.toHaveProperty('adopt');
  });

  test('PLATFORM_CONFIG may name a terraform.tfvars: loadConfig returns the validated configuration', async () => {
    const config = await loadConfig(fixturePath('ecr-objects'));
    expect(config.registry.repositories.map((r) => [r.name, r.adopt])).toEqual([
      ['infrastructure', true],
      ['deployments', true],
    ]);
    expect(config.state.bucket).toBe('initech-platform-state');
  });

  test.each(['repos-ecr', 'ecr-objects', 'ecr-objects-custom', 'module-inputs'])('npm run synth with PLATFORM_CONFIG=%s/terraform.tfvars passes the guardrails', async (fixture) => {
    const outdir = path.join(tempDir('tfvars-synth-'), 'cdktf.out');
    const { code, err: errors } = await runCli(synth, [], { PLATFORM_CONFIG: fixturePath(fixture), CDKTF_OUTDIR: outdir });
    expect({ code, errors }).toEqual({ code: 0, errors: [] });
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['access', 'bootstrap', 'registry']);
  });
});
