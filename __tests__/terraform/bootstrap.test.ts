import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { planStack, tempOutdir } from '../support/terraform';

describe('bootstrap stack: offline terraform plan', () => {
  // With state.region set, the bucket must be created where every backend looks for it (issue 12 §5).
  const platform = buildApp(configWith({ state: { region: 'eu-west-1' } }), { outdir: tempOutdir() });
  platform.app.synth();
  const plan = planStack(platform.app, 'bootstrap');

  it('is valid Terraform: the plan reports no warnings', () => {
    expect(plan.warnings).toEqual([]);
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

  it("creates the bucket in state.region, the region the other stacks' S3 backends name", () => {
    const configuration = plan.json.configuration as any;
    expect(configuration.provider_config.aws.expressions.region.constant_value).toBe('eu-west-1');
    const bucket = configuration.root_module.resources.find((r: any) => r.type === 'aws_s3_bucket');
    expect(bucket.provider_config_key).toBe('aws');
    const registry = JSON.parse(fs.readFileSync(path.join(platform.app.outdir, 'stacks', 'registry', 'cdk.tf.json'), 'utf8'));
    expect(registry.terraform.backend.s3).toMatchObject({ bucket: 'faro-terraform-state-111122223333', region: 'eu-west-1' });
    expect(registry.provider.aws[0].region).toBe('eu-central-1');
  });
});
