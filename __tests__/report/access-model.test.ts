// The access model from hand-made stacks: every kind of principal the report knows,
// granted through every kind of policy, compared field by field.
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { EcrRegistryPolicy } from '@cdktf/provider-aws/lib/ecr-registry-policy';
import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { renderPolicy } from '../../src/domain/iam/policy-document';
import { SynthesizedPlatform, synthesizedStack } from '../../src/guardrails';
import { buildAccessModel, renderReport, stackSummaries } from '../../src/report';
import { ACCOUNT, stack } from '../guardrails/support';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/${name}`;
const GITHUB = 'token.actions.githubusercontent.com';

function platform(): SynthesizedPlatform {
  const registry = stack('registry', (scope) => {
    new EcrRepository(scope, 'app', { name: 'app' });
    const shared = new EcrRepository(scope, 'shared', { name: 'shared' });
    new EcrRepositoryPolicy(scope, 'shared-policy', {
      repository: shared.name,
      policy: renderPolicy([
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
        { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } },
        { Sid: 'Lambda', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['ecr:BatchGetImage'], Condition: { StringEquals: { 'aws:SourceAccount': '999988887777' } } },
      ]),
    });
    new EcrPullThroughCacheRule(scope, 'docker-hub', { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', credentialArn: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:ecr-pullthroughcache/docker-hub' });
    new EcrRegistryPolicy(scope, 'registry-policy', {
      policy: renderPolicy([
        { Sid: 'Cache', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/eks-node` }, Action: ['ecr:CreateRepository', 'ecr:BatchImportUpstreamImage'], Resource: ARN('docker-hub/*') },
      ]),
    });
    new IamRolePolicyAttachment(scope, 'node-pull', { role: 'eks-node', policyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly' });
  });
  const access = stack('access', (scope) => {
    const ci = new IamRole(scope, 'ci', {
      name: 'ci',
      assumeRolePolicy: renderPolicy([
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/app:ref:refs/heads/main' } },
        },
      ]),
    });
    const push = new IamPolicy(scope, 'push', {
      name: 'push',
      policy: renderPolicy([
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:PutImage'], Resource: ARN('app') },
      ]),
    });
    new IamRolePolicyAttachment(scope, 'ci-push', { role: ci.name, policyArn: push.arn });
    const updater = new IamRole(scope, 'updater', {
      name: 'image-updater',
      assumeRolePolicy: renderPolicy([{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]),
      inlinePolicy: [{ name: 'read', policy: renderPolicy([{ Effect: 'Allow', Action: ['ecr:BatchGetImage'], Resource: ARN('*') }, { Effect: 'Deny', Action: ['ecr:BatchGetImage'], Resource: ARN('shared') }]) }],
    });
    new EksPodIdentityAssociation(scope, 'updater-association', { clusterName: 'prod', namespace: 'argocd', serviceAccount: 'argocd-image-updater', roleArn: updater.arn });
  });
  return new SynthesizedPlatform([registry, access].map((s) => synthesizedStack(s)));
}

describe('access model', () => {
  const model = buildAccessModel(platform(), { roleKinds: { 'eks-node': 'Node role', 'image-updater': 'Image Updater' } });

  it('lists every principal with its kind and who acts as it, CI roles first', () => {
    expect(model.principals).toEqual([
      { id: 'role:ci', name: 'ci', kind: 'CI role', details: ['GitHub: repo:acme/app:ref:refs/heads/main', 'session: at most 1 h'] },
      { id: 'role:image-updater', name: 'image-updater', kind: 'Image Updater', details: ['EKS Pod Identity: prod/argocd/argocd-image-updater', 'Service: pods.eks.amazonaws.com'] },
      { id: 'role:eks-node', name: 'eks-node', kind: 'Node role', details: ['existing role (not created by these stacks)'] },
      { id: 'account:999988887777', name: '999988887777', kind: 'Account', details: ['another account: its IAM policies must also allow it'] },
      { id: 'org:o-abcdefghij', name: 'o-abcdefghij', kind: 'Organization', details: ['any principal of the organization (aws:PrincipalOrgID)'] },
      { id: 'service:lambda.amazonaws.com', name: 'lambda.amazonaws.com', kind: 'Service', details: ['source: 999988887777'] },
    ]);
  });

  it('lists repositories, then cache prefixes with their upstream', () => {
    expect(model.targets).toEqual([
      { kind: 'repository', name: 'app' },
      { kind: 'repository', name: 'shared' },
      { kind: 'cache prefix', name: 'docker-hub/*', upstream: 'registry-1.docker.io' },
    ]);
  });

  it('marks pull, push and import per principal and target, honouring an unconditional Deny', () => {
    expect(model.access).toEqual({
      'role:ci': { app: { pull: true, push: true } },
      'role:image-updater': { app: { pull: true, push: false }, 'docker-hub/*': { pull: true, push: false, import: false } },
      'role:eks-node': { app: { pull: true, push: false }, shared: { pull: true, push: false }, 'docker-hub/*': { pull: true, push: false, import: true } },
      'account:999988887777': { shared: { pull: true, push: false } },
      'org:o-abcdefghij': { shared: { pull: true, push: false } },
      'service:lambda.amazonaws.com': { shared: { pull: true, push: false } },
    });
  });

  it('renders the same Markdown every time, with one matrix row per target', () => {
    const synthesized = platform();
    const input = { access: model, stacks: stackSummaries(synthesized), suppressions: [], source: 'a test' };
    const text = renderReport(input);
    expect(renderReport(input)).toBe(text);
    expect(text).toContain('| `docker-hub/*` (cache of registry-1.docker.io) |  | pull | pull, import |  |  |  |');
    expect(text).toContain('| `shared` |  |  | pull | pull | pull | pull |');
    expect(text).toContain('| `ci` | CI role | GitHub: `repo:acme/app:ref:refs/heads/main`<br>session: at most 1 h |');
  });
});
