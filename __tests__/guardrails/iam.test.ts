import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { Construct } from 'constructs';
import { renderPolicy, type PolicyStatement } from '../../src/domain/iam/policy-document';
import { ACCOUNT, findingsOf, stack } from './support';

const REPO_ARN = `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/app`;
const GITHUB = 'token.actions.githubusercontent.com';

function policy(scope: Construct, id: string, statements: PolicyStatement[]): void {
  new IamPolicy(scope, id, { name: id, policy: renderPolicy(statements) });
}

describe('IAM-001 resource "*"', () => {
  it('flags actions other than GetAuthorizationToken / GetCallerIdentity on "*", naming the statement', () => {
    const s = stack('access', (scope) => {
      policy(scope, 'ok', [
        { Sid: 'Token', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'sts:GetCallerIdentity'], Resource: '*' },
        { Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImage'], Resource: REPO_ARN },
      ]);
      policy(scope, 'broad', [{ Sid: 'PullEverything', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'], Resource: '*' }]);
    });
    expect(findingsOf('IAM-001', [s])).toEqual([
      expect.objectContaining({ level: 'error', resource: 'access/broad', message: 'policy statement "PullEverything" allows ecr:BatchGetImage on Resource "*".' }),
    ]);
  });

  it('does not flag Deny statements, and exempts KMS key policies (there "*" means the key itself)', () => {
    const s = stack('registry', (scope) => {
      policy(scope, 'deny', [{ Effect: 'Deny', Action: 'ecr:DeleteRepository', Resource: '*' }]);
      new KmsKey(scope, 'key', {
        policy: renderPolicy([{ Sid: 'Use', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }, Action: ['kms:Decrypt'], Resource: '*' }]),
      });
    });
    expect(findingsOf('IAM-001', [s])).toEqual([]);
  });

  it('reads aws_iam_policy_document data sources as well as JSON strings', () => {
    const s = stack('access', (scope) => {
      const doc = new DataAwsIamPolicyDocument(scope, 'doc', { statement: [{ sid: 'All', actions: ['ecr:PutImage'], resources: ['*'] }] });
      new IamPolicy(scope, 'from-data', { name: 'from-data', policy: doc.json });
    });
    expect(findingsOf('IAM-001', [s]).map((f) => f.message)).toEqual(['policy statement "All" allows ecr:PutImage on Resource "*".']);
  });
});

describe('IAM-002 wildcard actions', () => {
  it('flags "*" and service-wide wildcards in Allow statements', () => {
    const s = stack('access', (scope) => {
      policy(scope, 'ecr-star', [{ Sid: 'All', Effect: 'Allow', Action: 'ecr:*', Resource: REPO_ARN }]);
      policy(scope, 'star', [{ Effect: 'Allow', Action: '*', Resource: REPO_ARN }]);
      policy(scope, 'prefix', [{ Effect: 'Allow', Action: 'ecr:Batch*', Resource: REPO_ARN }]);
    });
    expect(findingsOf('IAM-002', [s]).map((f) => [f.resource, f.message])).toEqual([
      ['access/ecr-star', 'policy statement "All" allows "ecr:*".'],
      ['access/star', 'policy statement #1 allows "*".'],
    ]);
  });

  it("allows kms:* only to the key's own account root (AWS's default key policy)", () => {
    const s = stack('registry', (scope) => {
      new KmsKey(scope, 'own', { policy: renderPolicy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }]) });
      new KmsKey(scope, 'foreign', { policy: renderPolicy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'kms:*', Resource: '*' }]) });
    });
    expect(findingsOf('IAM-002', [s]).map((f) => f.resource)).toEqual(['registry/foreign']);
  });
});

describe('IAM-003 principal "*"', () => {
  const repositoryPolicy = (scope: Construct, id: string, statement: PolicyStatement) => new EcrRepositoryPolicy(scope, id, { repository: 'app', policy: renderPolicy([statement]) });

  it('flags an Allow to "*" without an organization, account (kms:CallerAccount for keys) or source condition', () => {
    const s = stack('registry', (scope) => {
      repositoryPolicy(scope, 'public', { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' });
      repositoryPolicy(scope, 'aws-star', { Sid: 'AnyAws', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:BatchGetImage' });
      repositoryPolicy(scope, 'org', { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } });
      repositoryPolicy(scope, 'lambda', { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-central-1:${ACCOUNT}:function:*` } } });
      new KmsKey(scope, 'via-ecr', {
        policy: renderPolicy([
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ecr.eu-central-1.amazonaws.com' } } },
        ]),
      });
      new KmsKey(scope, 'via-ecr-any-account', {
        policy: renderPolicy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ecr.eu-central-1.amazonaws.com' } } }]),
      });
      repositoryPolicy(scope, 'tls', { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    });
    expect(findingsOf('IAM-003', [s]).map((f) => [f.resource, f.message])).toEqual([
      ['registry/public', 'policy statement "Anyone" allows principal "*" without an aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn condition.'],
      ['registry/aws-star', 'policy statement "AnyAws" allows principal "*" without an aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn condition.'],
      ['registry/via-ecr-any-account', 'policy statement #1 allows principal "*" without an aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn condition.'],
    ]);
  });
});

describe('IAM-004 and IAM-005 OIDC trust', () => {
  const trust = (conditions: PolicyStatement['Condition']) =>
    renderPolicy([{ Effect: 'Allow', Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: conditions }]);
  const build = (roles: Record<string, PolicyStatement['Condition']>) =>
    stack('access', (scope) => {
      const provider = new IamOpenidConnectProvider(scope, 'github', { url: `https://${GITHUB}`, clientIdList: ['sts.amazonaws.com'] });
      provider.overrideLogicalId('github');
      for (const [name, conditions] of Object.entries(roles)) new IamRole(scope, name, { name, assumeRolePolicy: trust(conditions) });
    });

  it('accepts a trust that pins aud and names repositories and refs', () => {
    const s = build({
      ci: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/app:ref:refs/heads/main' } },
      tags: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/app:ref:refs/tags/v*' } },
    });
    expect([...findingsOf('IAM-004', [s]), ...findingsOf('IAM-005', [s])]).toEqual([]);
  });

  it('flags a trust without aud, without sub, or with a sub that is not scoped to an organization', () => {
    const s = build({
      'no-aud': { StringLike: { [`${GITHUB}:sub`]: 'repo:acme/app:*' } },
      'no-sub': { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } },
      'all-github': { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:*' } },
    });
    expect(findingsOf('IAM-004', [s]).map((f) => [f.resource, f.message])).toEqual([
      ['access/no-aud', `assume_role_policy statement #1 does not pin ${GITHUB}:aud with StringEquals.`],
      ['access/no-sub', `assume_role_policy statement #1 has no ${GITHUB}:sub condition, so any identity of the issuer may assume the role.`],
      ['access/all-github', `assume_role_policy statement #1 trusts sub "repo:*", which is not scoped to one organization and repository.`],
    ]);
  });

  it('warns (IAM-005) about a trust of every repository of an organization', () => {
    const s = build({ org: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' } } });
    expect(findingsOf('IAM-004', [s])).toEqual([]);
    expect(findingsOf('IAM-005', [s])).toEqual([expect.objectContaining({ level: 'warning', resource: 'access/org', message: 'assume_role_policy statement #1 trusts every repository of an organization: "repo:acme/*".' })]);
  });

  it('requires a namespace-scoped sub for EKS IRSA trusts', () => {
    const issuer = 'oidc.eks.eu-central-1.amazonaws.com/id/ABC';
    const irsa = (sub: string) =>
      renderPolicy([
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer}:sub`]: sub } },
        },
      ]);
    const s = stack('access', (scope) => {
      new IamRole(scope, 'scoped', { assumeRolePolicy: irsa('system:serviceaccount:argocd:argocd-image-updater') });
      new IamRole(scope, 'any-namespace', { assumeRolePolicy: irsa('system:serviceaccount:*:updater') });
    });
    expect(findingsOf('IAM-004', [s]).map((f) => f.resource)).toEqual(['access/any-namespace']);
  });
});

describe('IAM-006 opaque policies', () => {
  it('warns about a policy computed at apply time', () => {
    const s = stack('access', (scope) => new IamPolicy(scope, 'computed', { name: 'computed', policy: '${file("policy.json")}' }));
    expect(findingsOf('IAM-006', [s])).toEqual([expect.objectContaining({ level: 'warning', resource: 'access/computed' })]);
  });
});

describe('managed policies: the guardrails read what an attached AWS managed policy grants', () => {
  it('the attack: AmazonEC2ContainerRegistryPullOnly attached to a node role is pull on Resource "*"', () => {
    const s = stack('registry', (scope) => {
      new IamRolePolicyAttachment(scope, 'node-pull', { role: 'eks-node', policyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly' });
      new IamRole(scope, 'builder', {
        name: 'builder',
        assumeRolePolicy: renderPolicy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }]),
        managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'],
      });
    });
    expect(findingsOf('IAM-001', [s])).toEqual([
      expect.objectContaining({
        level: 'error',
        resource: 'registry/node-pull',
        message: 'policy_arn statement "AmazonEC2ContainerRegistryPullOnly" allows ecr:BatchGetImage, ecr:GetDownloadUrlForLayer, ecr:BatchImportUpstreamImage on Resource "*".',
      }),
      expect.objectContaining({ resource: 'registry/builder', message: expect.stringMatching(/^managed_policy_arns\[0\] statement "AmazonEC2ContainerRegistryPowerUser" allows .*ecr:PutImage.* on Resource "\*"\.$/) }),
    ]);
  });

  it('an AWS managed policy it does not know is opaque (IAM-006); a policy of the stacks is read as its own document', () => {
    const s = stack('access', (scope) => {
      new IamRolePolicyAttachment(scope, 'admin', { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      const own = new IamPolicy(scope, 'own', { name: 'own', policy: renderPolicy([{ Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: REPO_ARN }]) });
      new IamRolePolicyAttachment(scope, 'own-attachment', { role: 'ops', policyArn: own.arn });
    });
    expect(findingsOf('IAM-006', [s]).map((f) => [f.resource, f.message])).toEqual([['access/admin', 'policy_arn cannot be read at synth time ("arn:aws:iam::aws:policy/AdministratorAccess").']]);
    expect(findingsOf('IAM-001', [s])).toEqual([]);
  });
});

describe('IAM-007 service principals carry aws:SourceAccount', () => {
  it('the attack: a role ECR (or any service) may assume for any account', () => {
    const s = stack('registry', (scope) => {
      new IamRole(scope, 'template-role', { name: 'template', assumeRolePolicy: renderPolicy([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole' }]) });
      new IamRole(scope, 'pinned', {
        name: 'pinned',
        assumeRolePolicy: renderPolicy([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }]),
      });
      new IamRole(scope, 'wildcard', {
        name: 'wildcard',
        assumeRolePolicy: renderPolicy([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:SourceAccount': '*' } } }]),
      });
    });
    expect(findingsOf('IAM-007', [s])).toEqual([
      {
        ruleId: 'IAM-007',
        level: 'error',
        stack: 'registry',
        resource: 'registry/template-role',
        message: 'assume_role_policy statement #1 trusts service "ecr.amazonaws.com" without an aws:SourceAccount or aws:SourceArn condition.',
        fix: expect.stringContaining('aws:SourceAccount'),
      },
      expect.objectContaining({ resource: 'registry/wildcard' }),
    ]);
  });
});
