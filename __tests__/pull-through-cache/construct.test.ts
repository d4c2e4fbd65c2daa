import { Testing, TerraformStack } from 'cdktf';
import { buildApp } from '../../src/app';
import type { PlatformConfig } from '../../src/config/schema';
import { renderLifecyclePolicy } from '../../src/domain/ecr/lifecycle-rules';
import { PullThroughCache } from '../../src/constructs/pull-through-cache/pull-through-cache';
import { configWith } from '../support/config';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

type Json = Record<string, any>;

function synthRegistry(config: PlatformConfig): Json {
  const platform = buildApp(config);
  return JSON.parse(Testing.synth(platform.registry));
}

function resources(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

function byPrefix(json: Json, type: string, key: string): Record<string, Json> {
  return Object.fromEntries(resources(json, type).map((r) => [r[key], r]));
}

function registryPolicy(json: Json): Json {
  const policies = resources(json, 'aws_ecr_registry_policy');
  expect(policies).toHaveLength(1);
  return JSON.parse(policies[0].policy);
}

describe('pull-through cache in the registry stack (example platform)', () => {
  const json = synthRegistry(configWith());

  it('creates one rule per upstream with ECR\'s upstream URL', () => {
    const rules = byPrefix(json, 'aws_ecr_pull_through_cache_rule', 'ecr_repository_prefix');
    expect(Object.fromEntries(Object.entries(rules).map(([prefix, rule]) => [prefix, rule.upstream_registry_url]))).toEqual({
      'docker-hub': 'registry-1.docker.io',
      quay: 'quay.io',
      github: 'ghcr.io',
      k8s: 'registry.k8s.io',
      'ecr-public': 'public.ecr.aws',
    });
    expect(rules['docker-hub'].credential_arn).toBe('${aws_secretsmanager_secret.pull_through_cache_credential_docker-hub.arn}');
    expect(rules.github.credential_arn).toBe('${aws_secretsmanager_secret.pull_through_cache_credential_github.arn}');
    for (const prefix of ['quay', 'k8s', 'ecr-public']) expect(rules[prefix].credential_arn).toBeUndefined();
  });

  it('creates empty credential secrets named ecr-pullthroughcache/<prefix>: no secret value in Terraform', () => {
    const secrets = json.resource.aws_secretsmanager_secret;
    expect(Object.keys(secrets).sort()).toEqual(['pull_through_cache_credential_docker-hub', 'pull_through_cache_credential_github']);
    expect(secrets['pull_through_cache_credential_docker-hub']).toMatchObject({ name: 'ecr-pullthroughcache/docker-hub', recovery_window_in_days: 7 });
    expect(secrets['pull_through_cache_credential_docker-hub'].description).toMatch(/"username" and "accessToken"/);
    // ECR reads only secrets encrypted with aws/secretsmanager.
    expect(secrets['pull_through_cache_credential_docker-hub'].kms_key_id).toBeUndefined();
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/secret_string|secret_binary/);
    expect(json.output.pull_through_cache_credentials.value).toEqual({ 'docker-hub': 'ecr-pullthroughcache/docker-hub', github: 'ecr-pullthroughcache/github' });
  });

  it('gives every prefix a creation template for the repositories the cache creates', () => {
    const templates = byPrefix(json, 'aws_ecr_repository_creation_template', 'prefix');
    expect(Object.keys(templates).sort()).toEqual(['docker-hub', 'ecr-public', 'github', 'k8s', 'quay']);
    const template = templates['docker-hub'];
    expect(template).toMatchObject({
      applied_for: ['PULL_THROUGH_CACHE'],
      image_tag_mutability: 'MUTABLE',
      encryption_configuration: [{ encryption_type: 'AES256' }],
    });
    expect(template.lifecycle_policy).toBe(renderLifecyclePolicy({ preset: 'pull-through-cache' }));
    const rules = JSON.parse(template.lifecycle_policy).rules;
    expect(rules.map((r: Json) => [r.selection.tagStatus, r.selection.countType, r.selection.countNumber])).toEqual([
      ['untagged', 'sinceImagePushed', 1],
      ['any', 'imageCountMoreThan', 10],
    ]);
    // Neither KMS nor resource tags: ECR needs no custom role.
    expect(template.custom_role_arn).toBeUndefined();
    expect(json.resource.aws_iam_role).toBeUndefined();
  });

  it('attaches AmazonEC2ContainerRegistryPullOnly (not ReadOnly) to each node role', () => {
    const attachments = resources(json, 'aws_iam_role_policy_attachment');
    expect(attachments.map((a) => [a.role, a.policy_arn]).sort()).toEqual([
      ['faro-dev-eks-node', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly'],
      ['faro-prod-eks-node', 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly'],
    ]);
  });

  it('grants the first pull (CreateRepository, BatchImportUpstreamImage) in the registry policy, scoped to the prefixes and node roles', () => {
    const statement = registryPolicy(json).Statement.find((s: Json) => s.Sid === 'PullThroughCacheCreateAndImport');
    expect(statement).toEqual({
      Sid: 'PullThroughCacheCreateAndImport',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/faro-dev-eks-node`, `arn:aws:iam::${ACCOUNT}:role/faro-prod-eks-node`] },
      Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
      Resource: ['docker-hub', 'ecr-public', 'github', 'k8s', 'quay'].map((p) => `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/${p}/*`),
    });
  });
});

describe('pull-through cache settings', () => {
  it('merges its statement with the replication statement into the one registry policy', () => {
    const json = synthRegistry(
      configWith({
        registry: { replication: { rules: [], allowReplicationFrom: ['777788889999'] } },
        pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: ['node'], accounts: ['444455556666'] },
      } as any),
    );
    const statements = registryPolicy(json).Statement;
    expect(statements.map((s: Json) => s.Sid)).toEqual(['AllowReplicationFromSourceAccounts', 'PullThroughCacheCreateAndImport']);
    expect(statements[1].Principal.AWS).toEqual([`arn:aws:iam::${ACCOUNT}:role/node`, 'arn:aws:iam::444455556666:root']);
    expect(statements[1].Resource).toBe(`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/quay/*`);
  });

  it('lets other accounts read the cached repositories through the template\'s repository policy', () => {
    const json = synthRegistry(configWith({ pullThroughCache: { rules: [{ upstream: 'quay' }], accounts: ['444455556666'] } }));
    const [template] = resources(json, 'aws_ecr_repository_creation_template');
    expect(JSON.parse(template.repository_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CrossAccountPullThroughCache',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:root' },
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
      ],
    });
  });

  it('needs no registry policy statement without node roles or accounts', () => {
    const platform = buildApp(configWith({ pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: [] } }));
    expect(platform.registry.pullThroughCache.registryPolicyStatements).toEqual([]);
    expect(resources(JSON.parse(Testing.synth(platform.registry)), 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  it('uses an existing credential without creating a secret, and builds GitLab and Azure rules', () => {
    const arn = `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:ecr-pullthroughcache/gitlab-AbCdEf`;
    const json = synthRegistry(
      configWith({
        pullThroughCache: {
          rules: [
            { upstream: 'gitlab', credentialArn: arn },
            { upstream: 'azure', azureRegistryName: 'FaroACR', prefix: 'azure/faro' },
          ],
        },
      }),
    );
    const rules = byPrefix(json, 'aws_ecr_pull_through_cache_rule', 'ecr_repository_prefix');
    expect(rules.gitlab).toMatchObject({ upstream_registry_url: 'registry.gitlab.com', credential_arn: arn });
    expect(rules['azure/faro']).toMatchObject({
      upstream_registry_url: 'faroacr.azurecr.io',
      credential_arn: '${aws_secretsmanager_secret.pull_through_cache_credential_azure--faro.arn}',
    });
    expect(resources(json, 'aws_secretsmanager_secret').map((s) => s.name)).toEqual(['ecr-pullthroughcache/azure/faro']);
  });

  it('creates the custom role ECR needs when a template sets KMS or resource tags, scoped to those prefixes and keys', () => {
    const json = synthRegistry(
      configWith({
        pullThroughCache: {
          rules: [{ upstream: 'quay' }, { upstream: 'k8s', template: { encryption: { type: 'KMS', kmsKeyArn: KEY } } }, { upstream: 'ecr-public', template: { resourceTags: { Team: 'platform' } } }],
          template: { tagMutability: 'IMMUTABLE', lifecyclePolicy: { preset: 'keep-last-10' } },
        },
      }),
    );
    const templates = byPrefix(json, 'aws_ecr_repository_creation_template', 'prefix');
    const [roleId] = Object.keys(json.resource.aws_iam_role);
    const roleArn = `\${aws_iam_role.${roleId}.arn}`;
    expect(templates.quay.custom_role_arn).toBeUndefined();
    expect(templates.quay.image_tag_mutability).toBe('IMMUTABLE');
    expect(templates.quay.lifecycle_policy).toBe(renderLifecyclePolicy({ preset: 'keep-last-10' }));
    expect(templates.k8s).toMatchObject({ custom_role_arn: roleArn, encryption_configuration: [{ encryption_type: 'KMS', kms_key: KEY }] });
    expect(templates['ecr-public']).toMatchObject({ custom_role_arn: roleArn, resource_tags: { Team: 'platform' } });

    const role = json.resource.aws_iam_role[roleId];
    expect(role.name).toBe('faro-ptc-template-eu-central-1');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const [policy] = resources(json, 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: 'CreateAndTagCacheRepositories',
        Effect: 'Allow',
        Action: ['ecr:CreateRepository', 'ecr:TagResource'],
        Resource: [`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/ecr-public/*`, `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/k8s/*`],
      },
      { Sid: 'UseTemplateKeys', Effect: 'Allow', Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:RetireGrant'], Resource: KEY },
    ]);
  });

  it("uses ECR's AWS managed key for KMS without a key, through the key's alias", () => {
    const json = synthRegistry(configWith({ pullThroughCache: { rules: [{ upstream: 'quay' }], template: { encryption: { type: 'KMS' } } } }));
    const [template] = resources(json, 'aws_ecr_repository_creation_template');
    expect(template.encryption_configuration).toEqual([{ encryption_type: 'KMS' }]);
    const [policy] = resources(json, 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy).Statement[1]).toEqual({
      Sid: 'UseTemplateKeyAliases',
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:DescribeKey', 'kms:RetireGrant'],
      Resource: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/*`,
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': ['alias/aws/ecr'] } },
    });
  });

  it('builds ARNs in the region\'s partition', () => {
    const json = synthRegistry(configWith({ aws: { accountId: ACCOUNT, region: 'us-gov-west-1' }, pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: ['node'] } }));
    expect(resources(json, 'aws_iam_role_policy_attachment')[0].policy_arn).toBe('arn:aws-us-gov:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly');
    expect(registryPolicy(json).Statement[0].Resource).toBe(`arn:aws-us-gov:ecr:us-gov-west-1:${ACCOUNT}:repository/quay/*`);
  });

  it('keeps logical IDs per prefix and role name: reordering the lists replaces nothing', () => {
    const rules = [{ upstream: 'docker-hub' }, { upstream: 'quay' }, { upstream: 'github', prefix: 'ghcr' }];
    const ids = (config: PlatformConfig) => {
      const json = synthRegistry(config);
      return Object.fromEntries(
        ['aws_ecr_pull_through_cache_rule', 'aws_ecr_repository_creation_template', 'aws_secretsmanager_secret', 'aws_iam_role_policy_attachment'].map((type) => [
          type,
          Object.keys(json.resource[type]).sort(),
        ]),
      );
    };
    const before = ids(configWith({ pullThroughCache: { rules, nodeRoleNames: ['a', 'b'] } as any }));
    const after = ids(configWith({ pullThroughCache: { rules: [...rules].reverse(), nodeRoleNames: ['b', 'a'] } as any }));
    expect(after).toEqual(before);
    expect(before.aws_ecr_pull_through_cache_rule.join(' ')).toMatch(/rule-ghcr/);
  });
});

describe('PullThroughCache construct for library users', () => {
  it('reports invalid settings as validation errors and creates nothing', () => {
    const config = configWith();
    const invalid: PlatformConfig = {
      ...config,
      pullThroughCache: { ...config.pullThroughCache, rules: [{ upstream: 'docker-hub', createCredential: false }, { upstream: 'quay', prefix: 'Q' }] },
    };
    const stack = new TerraformStack(Testing.app(), 'test');
    const cache = new PullThroughCache(stack, 'cache', { config: invalid });
    expect(cache.registryPolicyStatements).toEqual([]);
    expect(cache.node.validate()).toEqual([
      `'pullThroughCache.rules[1].prefix' must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got "Q"`,
      expect.stringMatching(/^'pullThroughCache\.rules\[0\]' Docker Hub \(docker-hub\) needs a credential/),
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/needs a credential/);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });
});
