// Order never matters: reversing every list of a configuration yields byte-identical stacks.
// Lists the platform treats as sets (repositories, GitHub repositories, principals, filters,
// services, ...) must not leak their order into names, descriptions, policies or JSON order.
// Lifecycle rules without a priority are the one list whose order means something (they are
// numbered in order), so the rich configuration gives its rules priorities.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApp } from '../../src/app';
import { parseConfig } from '../../src/config/load';
import type { PlatformConfigInput } from '../../src/config/schema';
import { defaultConfigInput } from '../support/config';
import { tempDir } from '../support/temp-dir';

/** Every array, at every depth, reversed. */
function reverseEveryList(value: unknown): unknown {
  if (Array.isArray(value)) return [...value].reverse().map(reverseEveryList);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, reverseEveryList(v)]));
  return value;
}

/** The text of every synthesized stack file, by stack name. */
function synthesizedStacks(input: unknown): Record<string, string> {
  const outdir = tempDir('order-');
  try {
    buildApp(parseConfig(input), { outdir }).app.synth();
    const stacks = path.join(outdir, 'stacks');
    return Object.fromEntries(fs.readdirSync(stacks).sort().map((name) => [name, fs.readFileSync(path.join(stacks, name, 'cdk.tf.json'), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The example with more of everything, each list with several entries in no particular order. */
function richConfigInput(): PlatformConfigInput {
  const base = defaultConfigInput() as any;
  return {
    ...base,
    tags: { CostCenter: 'ml', Team: 'platform' },
    environments: { dev: {}, staging: {}, prod: { production: true } },
    registry: {
      ...base.registry,
      repositories: [
        ...base.registry.repositories,
        { name: 'shared/base-images', environments: ['staging', 'dev'], pull: { principals: ['444455556666', '222233334444'], organizationIds: ['o-b2c3d4e5f6', 'o-a1b2c3d4e5'] }, push: { principals: ['arn:aws:iam::222233334444:role/ci', 'arn:aws:iam::222233334444:role/builder'] } },
        {
          name: 'tools/linter',
          lifecyclePolicy: {
            rules: [
              { priority: 30, tagStatus: 'any', keepLast: 100 },
              { priority: 10, tagStatus: 'tagged', tagPatterns: ['v*.*.*'], keepLast: 20 },
              { priority: 20, tagStatus: 'untagged', expireAfterDays: 2 },
            ],
          },
        },
      ],
      scanning: { type: 'ENHANCED', rules: [{ frequency: 'SCAN_ON_PUSH', filters: ['tools/*', 'faro-rag/*', '*'] }, { frequency: 'CONTINUOUS_SCAN', filters: ['faro-rag/*', 'infrastructure'] }] },
      replication: {
        rules: [
          { destinations: [{ region: 'eu-west-1' }, { region: 'us-east-1', accountId: '444455556666' }], prefixFilters: ['faro-rag', 'infrastructure'] },
          { destinations: [{ region: 'eu-north-1' }] },
          { destinations: [{ region: 'us-west-2' }], prefixFilters: ['tools'] },
        ],
      },
    },
    pullThroughCache: { ...base.pullThroughCache, nodeRoleNames: ['faro-staging-eks-node', ...base.pullThroughCache.nodeRoleNames] },
    access: {
      github: {
        repositories: ['faro-ai/tools', 'faro-ai/rag-services', 'faro-ai/platform-infrastructure'],
        ciRoles: [
          { name: 'faro-github-actions', repositories: ['faro-ai/rag-services', 'faro-ai/platform-infrastructure'], branches: ['main'], pushTo: ['faro-rag/*', 'infrastructure', 'deployments', 'custom-apps'] },
          { name: 'faro-tools-ci', repositories: ['faro-ai/tools'], branches: ['release/*', 'main'], tags: ['v*', 'tools-*'], pushTo: ['tools/linter', 'shared/base-images'] },
        ],
      },
      imageUpdater: { roleName: 'faro-image-updater', clusterName: 'faro-prod', repositories: ['tools/linter', 'faro-rag/*', 'deployments'] },
      pullPrincipals: [
        { name: 'analytics', principal: 'arn:aws:iam::111122223333:role/analytics', repositories: ['tools/linter', 'faro-rag/*'] },
        { name: 'auditor', principal: 'arn:aws:iam::111122223333:role/auditor' },
      ],
    },
    kubernetes: {
      ...base.kubernetes,
      admissionPolicy: { enabled: true, cachedImages: ['quay/prometheus/', 'docker-hub/library/nginx'] },
      services: base.kubernetes.services.map((service: any) => ({ ...service, env: { LOG_LEVEL: 'info', REGION: 'eu-central-1' } })),
    },
    guardrails: {
      suppressions: [
        { rule: 'STATE-006', resource: 'bootstrap', reason: 'The bootstrap stack keeps local state until its one-time migration.' },
      ],
    },
  } as PlatformConfigInput;
}

function expectSameStacks(forward: Record<string, string>, reversed: Record<string, string>): void {
  expect(Object.keys(reversed)).toEqual(Object.keys(forward));
  for (const stack of Object.keys(forward)) {
    // By stack, so a failure names the stack and shows the lines that differ.
    expect({ stack, json: reversed[stack] }).toEqual({ stack, json: forward[stack] });
  }
}

describe('order never matters', () => {
  it('the example: reversing every list yields byte-identical stacks', () => {
    expectSameStacks(synthesizedStacks(defaultConfigInput()), synthesizedStacks(reverseEveryList(defaultConfigInput())));
  });

  it('a richer configuration: reversing every list yields byte-identical stacks; the CI roles name their GitHub repositories sorted', () => {
    const forward = synthesizedStacks(richConfigInput());
    expect(Object.keys(forward)).toEqual(['access', 'bootstrap', 'registry', 'workloads-dev', 'workloads-prod']);
    expectSameStacks(forward, synthesizedStacks(reverseEveryList(richConfigInput())));
    const roles = Object.values<any>(JSON.parse(forward.access).resource.aws_iam_role);
    expect(roles.map((role) => role.description).filter((d) => d?.startsWith('GitHub Actions')).sort()).toEqual([
      'GitHub Actions OIDC role for faro-ai/platform-infrastructure, faro-ai/rag-services',
      'GitHub Actions OIDC role for faro-ai/tools',
    ]);
  });
});
