import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { EcrRegistryPolicy } from '@cdktf/provider-aws/lib/ecr-registry-policy';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { Construct } from 'constructs';
import { ACCOUNT, findingsOf, HOST, stack } from './support';

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

function scanning(scope: Construct, scanType: string, rules: { frequency: string; filters: string[] }[]): void {
  new EcrRegistryScanningConfiguration(scope, 'scanning', {
    scanType,
    rule: rules.map((r) => ({ scanFrequency: r.frequency, repositoryFilter: r.filters.map((filter) => ({ filter, filterType: 'WILDCARD' })) })),
  });
}

describe('ECR-001 repository scanning: what the registry scanning configuration makes of each repository', () => {
  it('flags a repository with scan_on_push when no registry scanning configuration exists: the repository setting is legacy', () => {
    const s = stack('registry', (scope) => repo(scope, 'app'));
    expect(findingsOf('ECR-001', [s])).toEqual([
      {
        ruleId: 'ECR-001',
        level: 'error',
        stack: 'registry',
        resource: 'registry/app',
        message:
          'repository "app" is not scanned on push or continuously: no registry scanning configuration (aws_ecr_registry_scanning_configuration) covers its registry; its own scan_on_push is legacy and does not count.',
        fix: expect.stringContaining('registry.scanning rule with frequency SCAN_ON_PUSH'),
      },
    ]);
  });

  it('the attack: MANUAL for every repository passes no repository, whatever the repositories say', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'app');
      repo(scope, 'api');
      scanning(scope, 'BASIC', [{ frequency: 'MANUAL', filters: ['*'] }]);
    });
    const found = findingsOf('ECR-001', [s]);
    expect(found.map((f) => f.resource)).toEqual(['registry/app', 'registry/api']);
    expect(found[0].message).toBe(
      'repository "app" is not scanned on push or continuously: no SCAN_ON_PUSH rule of the registry scanning configuration (registry/scanning) matches it, so ECR sets it to MANUAL.',
    );
  });

  it('the attack: a scanning configuration without rules sets every repository to MANUAL', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'app');
      scanning(scope, 'BASIC', []);
    });
    expect(findingsOf('ECR-001', [s]).map((f) => f.message)).toEqual([
      'repository "app" is not scanned on push or continuously: the registry scanning configuration (registry/scanning) has no rules, so ECR sets every repository to MANUAL.',
    ]);
  });

  it('matches filters the way ECR does: a wildcard filter by pattern, a filter without wildcard as a substring', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'team-a-api', { imageScanningConfiguration: { scanOnPush: false } });
      repo(scope, 'team-b-api', { imageScanningConfiguration: { scanOnPush: false } });
      repo(scope, 'shop-prod-web', { imageScanningConfiguration: { scanOnPush: false } });
      scanning(scope, 'BASIC', [{ frequency: 'SCAN_ON_PUSH', filters: ['team-a-*', 'prod'] }]);
    });
    expect(findingsOf('ECR-001', [s]).map((f) => f.resource)).toEqual(['registry/team-b-api']);
  });

  it('under ENHANCED a repository matching no filter is not scanned at all; CONTINUOUS_SCAN counts', () => {
    const s = stack('registry', (scope) => {
      repo(scope, 'app');
      repo(scope, 'web');
      scanning(scope, 'ENHANCED', [
        { frequency: 'CONTINUOUS_SCAN', filters: ['web'] },
        { frequency: 'MANUAL', filters: ['*'] },
      ]);
    });
    expect(findingsOf('ECR-001', [s]).map((f) => f.message)).toEqual([
      'repository "app" is not scanned on push or continuously: no SCAN_ON_PUSH or CONTINUOUS_SCAN rule of the ENHANCED registry scanning configuration (registry/scanning) matches it, so ECR does not scan it at all.',
    ]);
  });

  it('a scanning configuration covers the repositories of its own registry only (account and region)', () => {
    const scanned = stack('registry', (scope) => scanning(scope, 'BASIC', [{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }]));
    const elsewhere = stack('other', (scope) => repo(scope, 'app'), { region: 'eu-west-1' });
    expect(findingsOf('ECR-001', [scanned, elsewhere]).map((f) => f.resource)).toEqual(['other/app']);
  });
});

describe('ECR-005 force_delete on a repository production runs', () => {
  it('the attack: force_delete = true on a repository a production workload pulls from', () => {
    const registry = stack('registry', (scope) => {
      repo(scope, 'app', { forceDelete: true });
      repo(scope, 'tools', { forceDelete: true });
    });
    const prod = stack('workloads-prod', (scope) => deployment(scope, 'app', `${HOST}/app:1.0.0`), { environment: 'prod' });
    expect(findingsOf('ECR-005', [registry, prod], { productionEnvironments: ['prod'] })).toEqual([
      {
        ruleId: 'ECR-005',
        level: 'error',
        stack: 'registry',
        resource: 'registry/app',
        message: 'repository "app" is used by production (workloads-prod/app) but has force_delete = true.',
        fix: expect.stringContaining('forceDelete: false'),
      },
    ]);
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

describe('ECR-006 lifecycle tag lists are ANDed', () => {
  const rule = (rulePriority: number, selection: Record<string, unknown>) => ({ rulePriority, selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 10, ...selection }, action: { type: 'expire' } });

  it('warns about a rule with several prefixes or patterns, in policies and creation templates, not about one entry each', () => {
    const s = stack('registry', (scope) => {
      const r = repo(scope, 'app');
      new EcrLifecyclePolicy(scope, 'app-lifecycle', {
        repository: r.name,
        policy: JSON.stringify({ rules: [rule(1, { tagPrefixList: ['v', 'prod'] }), rule(2, { tagPrefixList: ['staging'] }), rule(3, { tagPatternList: ['v*', '*-rc'] })] }),
      });
      new EcrRepositoryCreationTemplate(scope, 'template', {
        prefix: 'ROOT',
        appliedFor: ['PULL_THROUGH_CACHE'],
        lifecyclePolicy: JSON.stringify({ rules: [rule(1, { tagPrefixList: ['a', 'b', 'c'] })] }),
      });
    });
    expect(findingsOf('ECR-006', [s]).map((f) => [f.level, f.resource, f.message, f.fix])).toEqual([
      [
        'warning',
        'registry/app-lifecycle',
        'lifecycle rule with priority 1 has tagPrefixList ["v","prod"]: it selects only images that have a tag matching each of them (AND, not OR).',
        'Split it into 2 rules, one per prefix (["v"], ["prod"]), or suppress ECR-006 with the reason.',
      ],
      [
        'warning',
        'registry/app-lifecycle',
        'lifecycle rule with priority 3 has tagPatternList ["v*","*-rc"]: it selects only images that have a tag matching each of them (AND, not OR).',
        'Split it into 2 rules, one per pattern (["v*"], ["*-rc"]), or suppress ECR-006 with the reason.',
      ],
      [
        'warning',
        'registry/template',
        'lifecycle rule with priority 1 has tagPrefixList ["a","b","c"]: it selects only images that have a tag matching each of them (AND, not OR).',
        'Split it into 3 rules, one per prefix (["a"], ["b"], ["c"]), or suppress ECR-006 with the reason.',
      ],
    ]);
  });

  it('says nothing about policies it cannot read or rules with one entry', () => {
    const s = stack('registry', (scope) => {
      const r = repo(scope, 'app');
      new EcrLifecyclePolicy(scope, 'app-lifecycle', { repository: r.name, policy: JSON.stringify({ rules: [rule(1, { tagPrefixList: ['v'] }), { rulePriority: 2 }] }) });
      new EcrLifecyclePolicy(scope, 'other-lifecycle', { repository: r.name, policy: 'not json' });
    });
    expect(findingsOf('ECR-006', [s])).toEqual([]);
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

describe('ECR-007 replication from other accounts per prefix', () => {
  const grant = (resource: string, account: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Replicate', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: resource }] });

  it('the attack: an outside account may replicate into repository/* (every repository, production included)', () => {
    const s = stack('registry', (scope) => new EcrRegistryPolicy(scope, 'registry-policy', { policy: grant(`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/*`, '555566667777') }));
    expect(findingsOf('ECR-007', [s])).toEqual([
      {
        ruleId: 'ECR-007',
        level: 'error',
        stack: 'registry',
        resource: 'registry/registry-policy',
        message: `registry policy statement "Replicate" lets "arn:aws:iam::555566667777:root" replicate into every repository ("arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/*").`,
        fix: expect.stringContaining('prefixes'),
      },
    ]);
  });

  it('accepts a grant per prefix, and the platform\'s own account on repository/* (a replication target stack)', () => {
    const perPrefix = stack('registry', (scope) => new EcrRegistryPolicy(scope, 'registry-policy', { policy: grant(`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/team-a/*`, '555566667777') }));
    const target = stack('target', (scope) => new EcrRegistryPolicy(scope, 'registry-policy', { policy: grant('arn:aws:ecr:us-east-1:999988887777:repository/*', ACCOUNT) }));
    expect(findingsOf('ECR-007', [perPrefix, target])).toEqual([]);
  });
});
