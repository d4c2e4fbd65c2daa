import { buildApp } from '../../src/app';
import { planStack, tempOutdir, type PlanResult } from '../support/terraform';
import { manyRepositories, registryConfig } from '../registry/support';

function createdOfType(plan: PlanResult, type: string) {
  return plan.changes.filter((c) => c.type === type && c.actions.includes('create'));
}

// The example configuration's registry is planned offline by plan-command.test.ts (npm run plan -- --offline).
describe('registry stack: offline terraform plan, a large configuration', () => {
  const config = registryConfig(
    {
      defaults: { scanOnPush: true, encryption: { type: 'KMS' }, lifecyclePolicy: { preset: 'application' } },
      scanning: { type: 'ENHANCED', rules: [{ frequency: 'CONTINUOUS_SCAN', filters: ['team-0/*'] }, { frequency: 'SCAN_ON_PUSH', filters: ['*'] }] },
      replication: {
        rules: [
          { destinations: [{ region: 'eu-west-1' }], prefixFilters: ['team-0', 'team-1'] },
          { destinations: [{ region: 'us-east-1' }], prefixFilters: ['team-1', 'team-0'] },
          { destinations: [{ region: 'us-east-1', accountId: '999988887777', assumeRoleArn: 'arn:aws:iam::999988887777:role/ecr-admin' }] },
        ],
        allowReplicationFrom: [{ accountId: '555566667777', prefixes: ['team-0/'] }],
      },
    },
    manyRepositories(150, (i) => ({
      ...(i % 10 === 0 ? { pull: { principals: ['222233334444'], organizationIds: ['o-abcdefghij'], lambdaAccounts: ['333344445555'] }, push: { principals: ['arn:aws:iam::222233334444:role/ci'] } } : {}),
      ...(i % 7 === 0 ? { lifecyclePolicy: { rules: [{ tagStatus: 'tagged', tagPatterns: ['v*.*.*'], keepLast: 30 }, { tagStatus: 'any', expireAfterDays: 90 }] } } : {}),
      ...(i % 25 === 0 ? { environments: ['prod'] } : {}),
    })),
  );
  const platform = buildApp(config, { outdir: tempOutdir() });
  platform.app.synth();
  const plan = planStack(platform.app, 'registry');

  it('is valid Terraform: the plan reports no warnings', () => {
    expect(plan.warnings).toEqual([]);
  });

  it('sets the outputs', () => {
    expect(plan.outputs).toEqual(expect.arrayContaining(['repository_urls', 'repository_arns', 'registry_url', 'docker_login_command']));
    const outputs = (plan.json as any).planned_values.outputs;
    expect(outputs.registry_url.value).toBe('111122223333.dkr.ecr.eu-central-1.amazonaws.com');
  });

  it('plans every repository with its policies, one KMS key, one replication configuration and one registry policy', () => {
    expect(createdOfType(plan, 'aws_ecr_repository')).toHaveLength(156);
    expect(createdOfType(plan, 'aws_ecr_lifecycle_policy')).toHaveLength(156);
    expect(createdOfType(plan, 'aws_ecr_repository_policy')).toHaveLength(15);
    expect(createdOfType(plan, 'aws_kms_key')).toHaveLength(1);
    expect(createdOfType(plan, 'aws_kms_key')[0].after.enable_key_rotation).toBe(true);
    const replication = createdOfType(plan, 'aws_ecr_replication_configuration');
    expect(replication).toHaveLength(1);
    expect((replication[0].after as any).replication_configuration[0].rule).toHaveLength(2);
    expect(createdOfType(plan, 'aws_ecr_registry_policy')).toHaveLength(1);
    const scanning = createdOfType(plan, 'aws_ecr_registry_scanning_configuration')[0].after as any;
    expect(scanning.scan_type).toBe('ENHANCED');
    expect(scanning.rule).toHaveLength(2);
  });

  it('plans the destination account registry policy stack too', () => {
    const target = planStack(platform.app, 'replication-target-999988887777-us-east-1');
    // The one warning is the offline override's: an empty role ARN, so that the provider assumes
    // no role (an offline plan cannot assume the destination account's role).
    expect(target.warnings.map((w) => [w.summary, w.range?.filename])).toEqual([['Missing required argument', 'offline_override.tf.json']]);
    expect(target.changes.map((c) => [c.type, c.actions.join()])).toEqual([['aws_ecr_registry_policy', 'create']]);
  });
});
