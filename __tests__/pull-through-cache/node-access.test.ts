import { Testing, TerraformStack } from 'cdktf';
import { NodeAccess, nodePullStatements } from '../../src/constructs/pull-through-cache/node-access';
import { fitRepositoryArns } from '../../src/domain/ecr/repository-arn-sets';
import { IAM_QUOTAS, policyLength } from '../../src/domain/iam/quotas';
import { renderPolicy } from '../../src/domain/iam/policy-document';
import { testApp } from '../support/temp-dir';

const ACCOUNT = '111122223333';
const arn = (name: string) => `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/${name}`;
const registry = { partition: 'aws', accountId: ACCOUNT, region: 'eu-central-1' };

describe('node pull policy: scoped, and within IAM\'s inline policy quota', () => {
  it('names each repository while the policy fits', () => {
    const statements = nodePullStatements({ ...registry, cachePrefixes: ['quay'], repositoryArns: [arn('b'), arn('a')] });
    expect(statements.find((s) => s.Sid === 'PullPlatformRepositories')!.Resource).toEqual([arn('a'), arn('b')]);
    expect(statements.filter((s) => s.Resource === '*').map((s) => s.Action)).toEqual(['ecr:GetAuthorizationToken']);
  });

  it('300 repositories in three namespaces: the namespaces become <namespace>/*, the policy fits, nothing becomes "*"', () => {
    const repositories = [...Array(300).keys()].map((i) => arn(`team-${i % 3}/service-with-a-long-name-${i}`));
    const statements = nodePullStatements({ ...registry, cachePrefixes: ['docker-hub', 'quay'], repositoryArns: [...repositories, arn('standalone')] });
    const resources = statements.find((s) => s.Sid === 'PullPlatformRepositories')!.Resource as string[];
    expect(resources.filter((r) => r.endsWith('/*'))).not.toHaveLength(0);
    expect(resources).toContain(arn('standalone'));
    expect(resources.every((r) => r.startsWith(`arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/`) && r !== arn('*'))).toBe(true);
    expect(policyLength(renderPolicy(statements))).toBeLessThanOrEqual(IAM_QUOTAS.rolePoliciesLength);
  });

  it('refuses, as a validation error, repositories that cannot fit even as namespaces', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'test');
    const repositories = [...Array(200).keys()].map((i) => arn(`standalone-repository-with-a-long-name-${i}`));
    new NodeAccess(stack, 'nodes', { ...registry, roleNames: ['node'], cachePrefixes: ['quay'], repositoryArns: repositories });
    expect(() => Testing.synth(stack, true)).toThrow(/'repositoryArns' must fit in one inline policy of at most 10,240 characters .*got [\d,]+ characters for 200 repositories and 1 cache prefixes/);
  });

  it('fitRepositoryArns keeps the exact list when it fits and gives up when nothing helps', () => {
    expect(fitRepositoryArns([arn('a/x'), arn('a/y')], () => true)).toEqual([arn('a/x'), arn('a/y')]);
    expect(fitRepositoryArns([arn('a/x'), arn('a/y')], (list) => list.length === 1)).toEqual([arn('a/*')]);
    expect(fitRepositoryArns([arn('x'), arn('y')], (list) => list.length === 1)).toBeUndefined();
  });
});
