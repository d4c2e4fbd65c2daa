/**
 * The example's bootstrap stack deployed for real into moto with `cdktf deploy`: the state
 * bucket applies, re-plans with no changes, and refuses to be destroyed. Its own file (and
 * moto) so that jest runs it beside the other apply suites: the apply alone waits about 55 s,
 * the AWS provider's read-back of the bucket lifecycle configuration (10 s, then the same rules
 * ten times 5 s apart: waitLifecycleConfigEquals in hashicorp/terraform-provider-aws,
 * internal/service/s3/bucket_lifecycle_configuration.go), which no provider setting shortens.
 * It reaches moto through AWS_ENDPOINT_URL; apply-example.test.ts deploys with `aws.endpoints`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdktfDeploy, terraform } from '../../src/local/deploy';
import { exampleConfig, output, useScenario } from '../support/local-aws';

const s = useScenario('bootstrap', exampleConfig(), { routing: 'environment' });

test('the bootstrap stack applies, re-plans with no changes, and the state bucket cannot be destroyed', async () => {
  const deploy = await cdktfDeploy(s().local, ['bootstrap']);
  expect({ code: deploy.code, output: deploy.code ? output(deploy) : '' }).toEqual({ code: 0, output: '' });
  expect(fs.existsSync(path.join(s().local.workdir, 'terraform.bootstrap.tfstate'))).toBe(true);
  const [plan, destroy] = await Promise.all([
    terraform(s().local, 'bootstrap', ['plan', '-detailed-exitcode', '-input=false']),
    terraform(s().local, 'bootstrap', ['plan', '-destroy', '-refresh=false', '-lock=false', '-input=false']),
  ]);
  expect({ code: plan.code, output: plan.code ? output(plan) : '' }).toEqual({ code: 0, output: '' });
  // lifecycle.prevent_destroy on the bucket: Terraform refuses the plan itself.
  expect(destroy.code).toBe(1);
  expect(destroy.stderr).toContain('Instance cannot be destroyed');
}, 240_000);
