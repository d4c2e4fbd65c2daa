import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { planStack, tempOutdir, type PlanResult } from '../support/terraform';
import { manyRepositories, registryConfig } from '../registry/support';

function createdOfType(plan: PlanResult, type: string) {
  return plan.changes.filter((c) => c.type === type && c.actions.includes('create'));
}

describe('registry stack: offline terraform validate and plan, example configuration', () => {
  const platform = buildApp(configWith(), { outdir: tempOutdir() });
  platform.app.synth();
  const plan = planStack(platform.app, 'registry');

  it('is valid Terraform', () => {
    expect(plan.validate.valid).toBe(true);
  });

  it('plans the repositories, their lifecycle policies and registry scanning, and only creates', () => {
    expect(plan.changes.every((c) => c.actions.join() === 'create')).toBe(true);
    expect(createdOfType(plan, 'aws_ecr_repository').map((c) => c.after.name).sort()).toEqual([
      'custom-apps',
      'deployments',
      'faro-rag/document-chunking',
      'faro-rag/embeddings-engine',
      'faro-rag/rag-query',
      'infrastructure',
    ]);
    expect(createdOfType(plan, 'aws_ecr_lifecycle_policy')).toHaveLength(6);
    expect(createdOfType(plan, 'aws_ecr_registry_scanning_configuration')[0].after).toMatchObject({ scan_type: 'BASIC' });
  });

  it('sets the outputs', () => {
    expect(plan.outputs).toEqual(expect.arrayContaining(['repository_urls', 'repository_arns', 'registry_url', 'docker_login_command']));
    const outputs = (plan.json as any).planned_values.outputs;
    expect(outputs.registry_url.value).toBe('111122223333.dkr.ecr.eu-central-1.amazonaws.com');
  });
});

describe('registry stack: offline terraform validate and plan, a large configuration', () => {
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

  it('is valid Terraform', () => {
    expect(plan.validate.valid).toBe(true);
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
    // An offline plan cannot assume the destination's role: an empty role ARN makes the provider skip it.
    const dir = path.join(platform.app.outdir, 'stacks', 'replication-target-999988887777-us-east-1');
    fs.writeFileSync(path.join(dir, 'offline_role_override.tf.json'), JSON.stringify({ provider: { aws: [{ assume_role: [{ role_arn: '' }] }] } }));
    const target = planStack(platform.app, 'replication-target-999988887777-us-east-1');
    expect(target.validate.valid).toBe(true);
    expect(target.changes.map((c) => [c.type, c.actions.join()])).toEqual([['aws_ecr_registry_policy', 'create']]);
  });
});
