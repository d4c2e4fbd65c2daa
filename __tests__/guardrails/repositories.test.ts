import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { Construct } from 'constructs';
import { findingsOf, HOST, stack } from './support';

const LIFECYCLE = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } }] });

function repo(scope: Construct, id: string, props: Partial<ConstructorParameters<typeof EcrRepository>[2]> = {}): EcrRepository {
  return new EcrRepository(scope, id, {
    name: id,
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: [{ encryptionType: 'AES256' }],
    ...props,
  });
}

function deployment(scope: Construct, id: string, image: string): void {
  new DeploymentV1(scope, id, {
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { container: [{ name: id, image }] } },
    },
  });
}

describe('ECR-001 repository scanning', () => {
  it('flags a repository without scan on push when no registry rule covers it', () => {
    const s = stack('registry', (scope) => repo(scope, 'app', { imageScanningConfiguration: { scanOnPush: false } }));
    expect(findingsOf('ECR-001', [s])).toEqual([
      {
        ruleId: 'ECR-001',
        level: 'error',
        stack: 'registry',
        resource: 'registry/app',
        message: 'repository "app" is not scanned: scan_on_push is not true and no registry scanning rule (SCAN_ON_PUSH or CONTINUOUS_SCAN) matches it.',
        fix: expect.stringContaining('scanOnPush: true'),
      },
    ]);
  });

  it('flags a repository with no scanning configuration at all', () => {
    const s = stack('registry', (scope) => new EcrRepository(scope, 'bare', { name: 'bare' }));
    expect(findingsOf('ECR-001', [s]).map((f) => f.resource)).toEqual(['registry/bare']);
  });

  it('accepts a registry scanning rule whose wildcard filter matches, even without repository-level scanning', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'team-a-api', { imageScanningConfiguration: { scanOnPush: false } });
      repo(scope, 'team-b-api', { imageScanningConfiguration: { scanOnPush: false } });
      new EcrRegistryScanningConfiguration(scope, 'scanning', {
        scanType: 'BASIC',
        rule: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilter: [{ filter: 'team-a-*', filterType: 'WILDCARD' }] }],
      });
    });
    expect(findingsOf('ECR-001', [s]).map((f) => f.resource)).toEqual(['registry/team-b-api']);
  });

  it('ignores repository-level scan on push under ENHANCED scanning and MANUAL rules', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'app');
      new EcrRegistryScanningConfiguration(scope, 'scanning', {
        scanType: 'ENHANCED',
        rule: [{ scanFrequency: 'MANUAL', repositoryFilter: [{ filter: '*', filterType: 'WILDCARD' }] }],
      });
    });
    expect(findingsOf('ECR-001', [s])[0].message).toContain('registry scanning is ENHANCED');
  });
});

describe('ECR-002 repository encryption', () => {
  it('flags a repository without encryption_configuration', () => {
    const s = stack('registry', (scope) => repo(scope, 'app', { encryptionConfiguration: undefined }));
    expect(findingsOf('ECR-002', [s])).toEqual([expect.objectContaining({ resource: 'registry/app', message: 'repository "app" has no encryption_configuration; expected AES256, KMS or KMS_DSSE.' })]);
  });

  it('accepts AES256 and KMS', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'aes');
      repo(scope, 'kms', { encryptionConfiguration: [{ encryptionType: 'KMS' }] });
    });
    expect(findingsOf('ECR-002', [s])).toEqual([]);
  });
});

describe('ECR-003 lifecycle policy', () => {
  it('flags a repository without a lifecycle policy and accepts one with a policy by reference or by name', () => {
    const s = stack('registry', (scope) => {
      const byRef = repo(scope, 'by-ref');
      new EcrLifecyclePolicy(scope, 'by-ref-lifecycle', { repository: byRef.name, policy: LIFECYCLE });
      repo(scope, 'by-name');
      new EcrLifecyclePolicy(scope, 'by-name-lifecycle', { repository: 'by-name', policy: LIFECYCLE });
      repo(scope, 'none');
    });
    expect(findingsOf('ECR-003', [s])).toEqual([
      expect.objectContaining({ level: 'error', resource: 'registry/none', message: 'repository "none" has no lifecycle policy (aws_ecr_lifecycle_policy).' }),
    ]);
  });

  it('flags a lifecycle policy without rules', () => {
    const s = stack('registry', (scope) => {
      const r = repo(scope, 'empty');
      new EcrLifecyclePolicy(scope, 'empty-lifecycle', { repository: r.name, policy: JSON.stringify({ rules: [] }) });
    });
    expect(findingsOf('ECR-003', [s])[0].message).toBe('repository "empty" has a lifecycle policy without rules (registry/empty-lifecycle).');
  });
});

describe('ECR-004 immutable tags for repositories production uses', () => {
  const registry = () =>
    stack('registry', (scope) => {
      repo(scope, 'api', { imageTagMutability: 'MUTABLE' });
      repo(scope, 'worker', { imageTagMutability: 'MUTABLE' });
      repo(scope, 'pinned', { imageTagMutability: 'IMMUTABLE' });
    });
  const workloads = (environment: string) =>
    stack(
      `workloads-${environment}`,
      (scope) => {
        deployment(scope, 'api', `${HOST}/api:1.0.0`);
        deployment(scope, 'pinned', `${HOST}/pinned:1.0.0`);
        deployment(scope, 'elsewhere', `999988887777.dkr.ecr.${'eu-central-1'}.amazonaws.com/worker:1.0.0`);
      },
      { environment },
    );

  it('flags a mutable repository whose image a production stack runs, naming the user', () => {
    expect(findingsOf('ECR-004', [registry(), workloads('prod')], { productionEnvironments: ['prod'] })).toEqual([
      expect.objectContaining({
        level: 'error',
        stack: 'registry',
        resource: 'registry/api',
        message: 'repository "api" is used by production (workloads-prod/api) but its tags are MUTABLE.',
      }),
    ]);
  });

  it('does not flag repositories only non-production stacks use', () => {
    expect(findingsOf('ECR-004', [registry(), workloads('dev')], { productionEnvironments: ['prod'] })).toEqual([]);
  });
});
