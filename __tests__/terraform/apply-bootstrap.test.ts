/**
 * The example's bootstrap stack deployed for real into moto with `cdktf deploy`: the state
 * bucket applies, re-plans with no changes, and refuses to be destroyed. Its own file (and
 * moto) so that jest runs it beside the other apply suites: the apply alone waits about 55 s,
 * the AWS provider's read-back of the bucket lifecycle configuration (10 s, then the same rules
 * ten times 5 s apart: waitLifecycleConfigEquals in hashicorp/terraform-provider-aws,
 * internal/service/s3/bucket_lifecycle_configuration.go), which no provider setting shortens.
 * It reaches moto through AWS_ENDPOINT_URL; apply-example.test.ts deploys with `aws.endpoints`.
 * With state.region set apart from aws.region, the bucket must be made where every stack's S3
 * backend looks for it (issue 12 §5): the example with its state in eu-west-1.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdktfDeploy, terraform } from '../../src/local/deploy';
import { bucketRegion } from '../../src/local/aws-api';
import { exampleConfig, output, useScenario } from '../support/local-aws';

const config = { ...exampleConfig(), state: { ...exampleConfig().state, region: 'eu-west-1' } };
const s = useScenario('bootstrap', config, { routing: 'environment' });

interface StateResource {
  readonly type: string;
  readonly instances: ReadonlyArray<{ readonly attributes: Record<string, unknown> }>;
}

test('the bootstrap stack applies, re-plans with no changes, and the state bucket cannot be destroyed', async () => {
  const deploy = await cdktfDeploy(s().local, ['bootstrap']);
  expect({ code: deploy.code, output: deploy.code ? output(deploy) : '' }).toEqual({ code: 0, output: '' });
  const statePath = path.join(s().local.workdir, 'terraform.bootstrap.tfstate');
  expect(fs.existsSync(statePath)).toBe(true);
  const [plan, destroy] = await Promise.all([
    terraform(s().local, 'bootstrap', ['plan', '-detailed-exitcode', '-input=false']),
    terraform(s().local, 'bootstrap', ['plan', '-destroy', '-refresh=false', '-lock=false', '-input=false']),
  ]);
  expect({ code: plan.code, output: plan.code ? output(plan) : '' }).toEqual({ code: 0, output: '' });
  // lifecycle.prevent_destroy on the bucket: Terraform refuses the plan itself.
  expect(destroy.code).toBe(1);
  expect(destroy.stderr).toContain('Instance cannot be destroyed');

  // What was applied: versioning, encryption, no public access, TLS only, expiry of old versions.
  const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { resources: StateResource[]; outputs: Record<string, { value: unknown }> };
  expect(state.outputs.state_bucket.value).toBe(config.state.bucket);
  const resources = state.resources;
  expect(resources.map((r) => r.type).sort()).toEqual([
    'aws_s3_bucket',
    'aws_s3_bucket_lifecycle_configuration',
    'aws_s3_bucket_ownership_controls',
    'aws_s3_bucket_policy',
    'aws_s3_bucket_public_access_block',
    'aws_s3_bucket_server_side_encryption_configuration',
    'aws_s3_bucket_versioning',
  ]);
  const attributes = (type: string) => resources.find((r) => r.type === type)!.instances[0].attributes;
  expect(attributes('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  expect(attributes('aws_s3_bucket_versioning').versioning_configuration).toMatchObject([{ status: 'Enabled' }]);
  expect(attributes('aws_s3_bucket_server_side_encryption_configuration').rule).toMatchObject([
    { apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }], bucket_key_enabled: true },
  ]);
  expect(JSON.parse(attributes('aws_s3_bucket_policy').policy as string).Statement).toMatchObject([
    { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ]);
  expect(attributes('aws_s3_bucket_lifecycle_configuration').rule).toMatchObject([
    { status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 90 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] },
  ]);
}, 240_000);

test("the bucket is in state.region, the region the other stacks' S3 backends name", async () => {
  expect(await bucketRegion(s().moto.url, config.state.bucket)).toBe('eu-west-1');
  const registry = JSON.parse(fs.readFileSync(path.join(s().local.outdir, 'stacks', 'registry', 'cdk.tf.json'), 'utf8'));
  expect(registry.terraform.backend.s3).toMatchObject({ bucket: config.state.bucket, region: 'eu-west-1' });
  expect(registry.provider.aws[0].region).toBe('eu-central-1');
});
