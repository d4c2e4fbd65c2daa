import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { RegistryStack, repositoryConstructId } from '../../src/stacks/registry-stack';
import { minimalConfig, withRepositories } from '../support/minimal-config';
import { manyRepositories } from './support';

type Json = Record<string, any>;

function synthRegistry(config = minimalConfig()): Json {
  const platform = buildApp(config);
  return JSON.parse(Testing.synth(platform.registry, true));
}

/** The resources of a type, keyed by their logical ID without the hash (`repo-infrastructure_lifecycle-policy`). */
function resourcesOf(stack: Json, type: string): Record<string, Json> {
  return Object.fromEntries(Object.entries(stack.resource?.[type] ?? {}).map(([id, r]: any) => [id.replace(/_[0-9A-F]{8}$/, ''), r]));
}

function repositoryNamed(stack: Json, name: string): Json {
  return Object.values(stack.resource.aws_ecr_repository).find((r: any) => r.name === name) as Json;
}

describe('registry stack features', () => {
  it('creates one KMS key with rotation and an ECR-only key policy for repositories using KMS without a key', () => {
    const stack = synthRegistry(
      minimalConfig(
        withRepositories(
          { name: 'kms-a', encryption: { type: 'KMS' } },
          { name: 'kms-b', encryption: { type: 'KMS' } },
          { name: 'kms-own', encryption: { type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab' } },
        ),
      ),
    );
    const keys = Object.values(stack.resource.aws_kms_key) as Json[];
    expect(keys).toHaveLength(1);
    expect(keys[0].enable_key_rotation).toBe(true);
    const policy = JSON.parse(keys[0].policy);
    expect(policy.Statement).toEqual([
      { Sid: 'AllowAccountAdministration', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'AllowUseThroughEcr',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ecr.eu-central-1.amazonaws.com' } },
      },
    ]);
    expect(Object.values(stack.resource.aws_kms_alias)).toEqual([expect.objectContaining({ name: 'alias/acme-ecr' })]);
    expect(repositoryNamed(stack, 'kms-a').encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: expect.stringMatching(/^\$\{aws_kms_key\.kms-key_[0-9A-F]{8}\.arn\}$/) }]);
    expect(repositoryNamed(stack, 'kms-own').encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab' }]);
  });

  it('no key is created when every KMS repository names its key', () => {
    const stack = synthRegistry(minimalConfig(withRepositories({ name: 'kms-own', encryption: { type: 'KMS', kmsKeyArn: 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab' } })));
    expect(stack.resource.aws_kms_key).toBeUndefined();
  });

  it('grants pull, push, Lambda and organization access in a repository policy, only where granted', () => {
    const stack = synthRegistry(
      minimalConfig(
        withRepositories({
          name: 'shared',
          pull: { principals: ['222233334444', 'arn:aws:iam::222233334444:role/reader'], lambdaAccounts: ['333344445555'], organizationIds: ['o-abcdefghij'] },
          push: { principals: ['arn:aws:iam::222233334444:role/ci'] },
        }),
      ),
    );
    const policies = resourcesOf(stack, 'aws_ecr_repository_policy');
    expect(Object.keys(policies)).toEqual(['repo-shared_policy']);
    expect(JSON.parse(policies['repo-shared_policy'].policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPull',
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::222233334444:role/ci', 'arn:aws:iam::222233334444:role/reader', 'arn:aws:iam::222233334444:root'] },
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        },
        {
          Sid: 'AllowPush',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222233334444:role/ci' },
          Action: ['ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
        },
        { Sid: 'AllowLambdaAccountsPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333344445555:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
        {
          Sid: 'AllowLambdaServicePull',
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: { StringLike: { 'aws:sourceArn': 'arn:aws:lambda:eu-central-1:333344445555:function:*' } },
        },
        {
          Sid: 'AllowOrganizationPull',
          Effect: 'Allow',
          Principal: '*',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
        },
      ],
    });
  });

  it('merges replication entries into one configuration and lets source accounts replicate in through the registry policy', () => {
    const stack = synthRegistry(
      minimalConfig({
        registry: {
          replication: {
            rules: [
              { destinations: [{ region: 'eu-west-1' }], prefixFilters: ['faro-rag'] },
              { destinations: [{ region: 'us-east-1' }, { region: 'eu-west-1' }], prefixFilters: ['faro-rag'] },
              { destinations: [{ region: 'eu-west-1', accountId: '999988887777' }] },
            ],
            allowReplicationFrom: [{ accountId: '555566667777', prefixes: ['team-0/'] }],
          },
        },
      }),
    );
    const configurations = Object.values(stack.resource.aws_ecr_replication_configuration) as Json[];
    expect(configurations).toHaveLength(1);
    // Rules sorted by their filters (all repositories first), destinations by account and region.
    expect(configurations[0].replication_configuration.rule).toEqual([
      { destination: [{ region: 'eu-west-1', registry_id: '999988887777' }] },
      {
        destination: [
          { region: 'eu-west-1', registry_id: '111122223333' },
          { region: 'us-east-1', registry_id: '111122223333' },
        ],
        repository_filter: [{ filter: 'faro-rag', filter_type: 'PREFIX_MATCH' }],
      },
    ]);
    const registryPolicy = JSON.parse((Object.values(stack.resource.aws_ecr_registry_policy)[0] as Json).policy);
    expect(registryPolicy.Statement).toContainEqual({
      Sid: 'AllowReplicationFrom555566667777',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::555566667777:root' },
      Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'],
      // Its own prefix only, never repository/*.
      Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/team-0/*',
    });
  });

  it('adopt: an import block for the repository, by repository name; its lifecycle policy is written, not imported', () => {
    const stack = synthRegistry(minimalConfig(withRepositories({ name: 'legacy/api', adopt: true })));
    const repository = Object.entries(stack.resource.aws_ecr_repository).find(([, r]: any) => r.name === 'legacy/api')![0];
    const lifecycle = Object.keys(stack.resource.aws_ecr_lifecycle_policy).find((id) => id.startsWith('repo-legacy--api_'));
    // The repository has a lifecycle policy in the configuration (PutLifecyclePolicy replaces the old one, or makes one).
    expect(lifecycle).toBeDefined();
    expect(stack.import).toEqual([{ id: 'legacy/api', to: `aws_ecr_repository.${repository}` }]);
  });

  it('adoptAll: every repository is imported', () => {
    const stack = synthRegistry(minimalConfig({ registry: { adoptAll: true, repositories: [{ name: 'app' }, { name: 'api' }] } }));
    expect(stack.import).toHaveLength(2);
    expect(new Set(stack.import.map((i: any) => i.id))).toEqual(new Set(Object.values(stack.resource.aws_ecr_repository).map((r: any) => r.name)));
  });

  it('logical IDs follow repository names, not positions, and names that differ only in separators do not collide', () => {
    expect(repositoryConstructId('faro-rag/rag-query')).toBe('repo-faro-rag--rag-query');
    expect(new Set(['a/b', 'a-b', 'a.b', 'a_b', 'a/b/c', 'a-b/c', 'a/b-c'].map(repositoryConstructId)).size).toBe(7);
    const forward = synthRegistry(minimalConfig(withRepositories({ name: 'x.y' }, { name: 'x-y' })));
    const reversed = synthRegistry(minimalConfig(withRepositories({ name: 'x-y' }, { name: 'x.y' })));
    const ids = (stack: Json) => Object.fromEntries(Object.entries(stack.resource.aws_ecr_repository).map(([id, r]: any) => [r.name, id]));
    expect(ids(reversed)).toEqual(ids(forward));
    expect(new Set(Object.values(ids(forward))).size).toBe(3);
  });

  it('builds hundreds of repositories, each with its resources and outputs', () => {
    const config = minimalConfig(withRepositories(...manyRepositories(400, (i) => (i % 3 === 0 ? { pull: { principals: ['222233334444'] } } : {}))));
    const registry = buildApp(config).registry as RegistryStack;
    expect(Object.keys(registry.repositories)).toHaveLength(401);
    const stack = JSON.parse(Testing.synth(registry));
    expect(Object.keys(stack.resource.aws_ecr_repository)).toHaveLength(401);
    expect(Object.keys(stack.resource.aws_ecr_lifecycle_policy)).toHaveLength(401);
    expect(Object.keys(stack.resource.aws_ecr_repository_policy)).toHaveLength(134);
    expect(Object.keys(stack.output.repository_urls.value)).toHaveLength(401);
  });
});

describe('replication target stacks', () => {
  const replication = {
    rules: [
      { destinations: [{ region: 'us-east-1', accountId: '999988887777', assumeRoleArn: 'arn:aws:iam::999988887777:role/ecr-admin' }], prefixFilters: ['faro-rag'] },
      { destinations: [{ region: 'us-east-1', accountId: '999988887777', assumeRoleArn: 'arn:aws:iam::999988887777:role/ecr-admin' }], prefixFilters: ['infra'] },
      { destinations: [{ region: 'eu-west-1', accountId: '444455556666' }] },
    ],
  };

  it('one per cross-account destination with credentials, deployed before the registry', () => {
    const platform = buildApp(minimalConfig({ registry: { replication } }));
    expect(Object.keys(platform.replicationTargets)).toEqual(['replication-target-999988887777-us-east-1']);
    expect(platform.stacks.map((s) => s.node.id).slice(0, 3)).toEqual(['bootstrap', 'replication-target-999988887777-us-east-1', 'registry']);
    expect(platform.registry.dependencies).toContain(platform.replicationTargets['replication-target-999988887777-us-east-1']);
  });

  it('uses the destination account through its role and grants this account replication into the replicated prefixes', () => {
    const platform = buildApp(minimalConfig({ registry: { replication } }));
    const stack = JSON.parse(Testing.synth(platform.replicationTargets['replication-target-999988887777-us-east-1'], true));
    expect(stack.provider.aws[0]).toMatchObject({
      region: 'us-east-1',
      allowed_account_ids: ['999988887777'],
      assume_role: [{ role_arn: 'arn:aws:iam::999988887777:role/ecr-admin' }],
    });
    expect(stack.terraform.backend.s3.key).toBe('global/repos-ecr-replication-target-999988887777-us-east-1/terraform.tfstate');
    const policy = JSON.parse((Object.values(stack.resource.aws_ecr_registry_policy)[0] as Json).policy);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowReplicationFrom111122223333',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'],
          Resource: ['arn:aws:ecr:us-east-1:999988887777:repository/faro-rag*', 'arn:aws:ecr:us-east-1:999988887777:repository/infra*'],
        },
      ],
    });
  });
});
