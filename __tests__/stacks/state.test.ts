import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { MINIMAL, minimalConfig, minimalProblems, withWorkloads } from '../support/minimal-config';

function stackJson(stack: Parameters<typeof Testing.synth>[0]): any {
  return JSON.parse(Testing.synth(stack, true));
}

describe('state: an S3 backend per stack, in the layout existing setups use', () => {
  const platform = buildApp(minimalConfig(withWorkloads()));

  it('gives each stack its own key: global/<stack>/ or environments/<env>/<stack>/', () => {
    const keys = Object.fromEntries(
      platform.stacks.filter((s) => s.node.id !== 'bootstrap').map((s) => [s.node.id, stackJson(s).terraform.backend.s3.key]),
    );
    expect(keys).toEqual({
      registry: 'global/repos-ecr/terraform.tfstate',
      access: 'global/github-oidc/terraform.tfstate',
      'workloads-dev': 'environments/dev/rag-services/terraform.tfstate',
      'workloads-prod': 'environments/prod/rag-services/terraform.tfstate',
    });
    expect(new Set(Object.values(keys)).size).toBe(Object.keys(keys).length);
  });

  it('encrypts and locks with S3-native locking (no DynamoDB table)', () => {
    const backend = stackJson(platform.registry).terraform.backend.s3;
    expect(backend).toEqual({
      bucket: MINIMAL.bucket,
      key: 'global/repos-ecr/terraform.tfstate',
      region: 'eu-central-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('assumes the configured role for the backend and the provider', () => {
    const config = minimalConfig({
      aws: { accountId: '111122223333', region: 'eu-west-1', assumeRoleArn: 'arn:aws:iam::111122223333:role/deploy' },
      state: { bucket: 'other-state', region: 'us-east-1', assumeRoleArn: 'arn:aws:iam::444455556666:role/state' },
    });
    const json = stackJson(buildApp(config).registry);
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'other-state', region: 'us-east-1', assume_role: { role_arn: 'arn:aws:iam::444455556666:role/state' } });
    expect(json.provider.aws[0]).toMatchObject({ region: 'eu-west-1', assume_role: [{ role_arn: 'arn:aws:iam::111122223333:role/deploy' }] });
  });

  it('tags every resource through the provider: ManagedBy, Project, Environment, Owner', () => {
    expect(stackJson(platform.registry).provider.aws[0].default_tags).toEqual([
      { tags: { ManagedBy: 'cdktf', Project: 'acme', Environment: 'global', Owner: 'platform-team' } },
    ]);
    expect(stackJson(platform.workloads.prod).provider.aws[0].default_tags[0].tags.Environment).toBe('prod');
  });

  it('pins the AWS provider to the configured account', () => {
    expect(stackJson(platform.access).provider.aws[0].allowed_account_ids).toEqual(['111122223333']);
  });

  it('declares the deploy order bootstrap -> registry -> access, workloads', () => {
    const deps = Object.fromEntries(platform.stacks.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id)]));
    expect(deps).toEqual({ bootstrap: [], registry: ['bootstrap'], access: ['registry'], 'workloads-dev': ['access'], 'workloads-prod': ['access'] });
  });
});

describe('bootstrap stack', () => {
  it('starts on a local backend and moves to the bucket once migrated', () => {
    expect(stackJson(buildApp(minimalConfig()).bootstrap).terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap.tfstate' } });
    const migrated = stackJson(buildApp(minimalConfig({ state: { bootstrapBackend: 's3' } })).bootstrap);
    expect(migrated.terraform.backend.s3).toMatchObject({ key: 'global/terraform-state/terraform.tfstate', encrypt: true, use_lockfile: true });
  });

  const json = stackJson(buildApp(minimalConfig()).bootstrap);
  const only = (type: string) => Object.values(json.resource[type] as Record<string, any>);

  it('creates a versioned, encrypted, private bucket that Terraform will not destroy', () => {
    expect(only('aws_s3_bucket')).toEqual([expect.objectContaining({ bucket: MINIMAL.bucket, lifecycle: { prevent_destroy: true } })]);
    expect(only('aws_s3_bucket_versioning')[0].versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only('aws_s3_bucket_server_side_encryption_configuration')[0].rule[0].apply_server_side_encryption_by_default).toEqual({ sse_algorithm: 'AES256' });
    expect(only('aws_s3_bucket_public_access_block')[0]).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('denies every request that does not use TLS', () => {
    const policy = JSON.parse(only('aws_s3_bucket_policy')[0].policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['${aws_s3_bucket.state-bucket_828F7150.arn}', '${aws_s3_bucket.state-bucket_828F7150.arn}/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('the attack: a state configuration that would drop old state versions within days is refused', () => {
    expect(minimalProblems({ state: { noncurrentVersionExpirationDays: 3 } })).toEqual([
      'state.noncurrentVersionExpirationDays: must be at least 7 days (an old state version is the only way back from a bad apply; fewer days lose it before anyone notices), got 3',
    ]);
    expect(minimalProblems({ state: { noncurrentVersionExpirationDays: 7 } })).toEqual([]);
  });

  it('expires noncurrent state versions after the configured days', () => {
    const rule = only('aws_s3_bucket_lifecycle_configuration')[0].rule[0];
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
  });
});
