import { Testing, TerraformStack } from 'cdktf';
import { buildApp } from '../../src/app';
import type { PlatformConfig } from '../../src/config/schema';
import { renderLifecyclePolicy } from '../../src/domain/ecr/lifecycle-rules';
import { PullThroughCache } from '../../src/constructs/pull-through-cache/pull-through-cache';
import { resolveCacheRules } from '../../src/domain/pull-through-cache/upstreams';
import { minimalConfig } from '../support/minimal-config';
import { testApp } from '../support/temp-dir';

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

describe('pull-through cache settings', () => {
  it('merges its statement with the replication statement into the one registry policy', () => {
    const json = synthRegistry(
      minimalConfig({
        registry: { replication: { rules: [], allowReplicationFrom: [{ accountId: '777788889999', prefixes: ['team-a/'] }] } },
        pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: ['node'], accounts: ['444455556666'] },
      } as any),
    );
    const statements = registryPolicy(json).Statement;
    expect(statements.map((s: Json) => s.Sid)).toEqual(['AllowReplicationFrom777788889999', 'PullThroughCacheCreateAndImport']);
    expect(statements[1].Principal.AWS).toEqual([`arn:aws:iam::${ACCOUNT}:role/node`, 'arn:aws:iam::444455556666:root']);
    expect(statements[1].Resource).toBe(`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/quay/*`);
  });

  it('lets other accounts read the cached repositories through the template\'s repository policy', () => {
    const json = synthRegistry(minimalConfig({ pullThroughCache: { rules: [{ upstream: 'quay' }], accounts: ['444455556666'] } }));
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
    const platform = buildApp(minimalConfig({ pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: [] } }));
    expect(platform.registry.pullThroughCache.registryPolicyStatements).toEqual([]);
    expect(resources(JSON.parse(Testing.synth(platform.registry)), 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  it('uses an existing credential without creating a secret, and builds GitLab and Azure rules', () => {
    const arn = `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:ecr-pullthroughcache/gitlab-AbCdEf`;
    const json = synthRegistry(
      minimalConfig({
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
      minimalConfig({
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
    expect(role.name).toBe('acme-ptc-template-eu-central-1');
    // aws:SourceAccount: ECR may assume the role for this account's registry only (IAM-007).
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
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
    const json = synthRegistry(minimalConfig({ pullThroughCache: { rules: [{ upstream: 'quay' }], template: { encryption: { type: 'KMS' } } } }));
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
    const json = synthRegistry(minimalConfig({ aws: { accountId: ACCOUNT, region: 'us-gov-west-1' }, pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: ['node'] } }));
    const nodePolicy = resources(json, 'aws_iam_role_policy').find((p) => p.role === 'node')!;
    expect(JSON.parse(nodePolicy.policy).Statement.find((s: Json) => s.Sid === 'PullThroughCache').Resource).toBe(`arn:aws-us-gov:ecr:us-gov-west-1:${ACCOUNT}:repository/quay/*`);
    expect(registryPolicy(json).Statement[0].Resource).toBe(`arn:aws-us-gov:ecr:us-gov-west-1:${ACCOUNT}:repository/quay/*`);
  });

  it('keeps logical IDs per prefix and role name: reordering the lists replaces nothing', () => {
    const rules = [{ upstream: 'docker-hub' }, { upstream: 'quay' }, { upstream: 'github', prefix: 'ghcr' }];
    const ids = (config: PlatformConfig) => {
      const json = synthRegistry(config);
      return Object.fromEntries(
        ['aws_ecr_pull_through_cache_rule', 'aws_ecr_repository_creation_template', 'aws_secretsmanager_secret', 'aws_iam_role_policy'].map((type) => [
          type,
          Object.keys(json.resource[type]).sort(),
        ]),
      );
    };
    const before = ids(minimalConfig({ pullThroughCache: { rules, nodeRoleNames: ['a', 'b'] } as any }));
    const after = ids(minimalConfig({ pullThroughCache: { rules: [...rules].reverse(), nodeRoleNames: ['b', 'a'] } as any }));
    expect(after).toEqual(before);
    expect(before.aws_ecr_pull_through_cache_rule.join(' ')).toMatch(/rule-ghcr/);
  });
});

describe('PullThroughCache construct for library users', () => {
  it('reports props AWS would refuse as validation errors and creates nothing', () => {
    const rules = resolveCacheRules({
      template: {},
      rules: [
        { upstream: 'docker-hub', credentialArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub` },
        { upstream: 'quay', prefix: 'Q' },
        { upstream: 'k8s', prefix: 'Q' },
      ],
    });
    const stack = new TerraformStack(testApp(), 'test');
    const cache = new PullThroughCache(stack, 'cache', { accountId: ACCOUNT, region: 'eu-central-1', rules, templateRoleName: 'ptc-template' });
    expect(cache.registryPolicyStatements).toEqual([]);
    expect(cache.node.validate()).toEqual([
      `'rules[0].credential.arn' must be a secret in the registry's account ${ACCOUNT} and region eu-central-1 (ECR reads it from there), got account ${ACCOUNT} and region us-east-1`,
      `'rules[1].prefix' must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got "Q"`,
      `'rules[2].prefix' must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got "Q"`,
      `'rules[2].prefix' must be unique: rules[1] has "Q" too`,
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(/must be unique/);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });
});
