import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { planStack, tempOutdir } from '../support/terraform';

describe('bootstrap stack: offline terraform validate and plan', () => {
  const platform = buildApp(configWith(), { outdir: tempOutdir() });
  platform.app.synth();
  const plan = planStack(platform.app, 'bootstrap');

  it('is valid Terraform', () => {
    expect(plan.validate.valid).toBe(true);
  });

  it('plans the state bucket with versioning, encryption, public access block, TLS-only policy and expiry', () => {
    const created = plan.changes.filter((c) => c.actions.includes('create')).map((c) => c.type).sort();
    expect(created).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
      'aws_s3_bucket_versioning',
    ]);
    const bucket = plan.changes.find((c) => c.type === 'aws_s3_bucket')!;
    expect(bucket.after.bucket).toBe('faro-terraform-state-111122223333');
    const pab = plan.changes.find((c) => c.type === 'aws_s3_bucket_public_access_block')!;
    expect(pab.after).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(plan.outputs).toContain('state_bucket');
  });
});
