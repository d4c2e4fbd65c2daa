import { Testing, TerraformStack } from 'cdktf';
import { GithubActionsRole, type GithubActionsRoleProps } from '../../src/constructs/access/ci-role';
import { testApp } from '../support/temp-dir';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const AUD = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

function synthRole(props: Partial<GithubActionsRoleProps>): { trust: any; role: any } {
  const stack = new TerraformStack(testApp(), 'test');
  new GithubActionsRole(stack, 'ci', { roleName: 'ci', oidcProviderArn: PROVIDER, repositories: ['faro-ai/rag-services'], ...props });
  const role = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_iam_role)[0] as any;
  return { role, trust: JSON.parse(role.assume_role_policy) };
}

function statement(sub: Record<string, unknown>, sid: string) {
  return { Sid: sid, Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: sub };
}

describe('GithubActionsRole trust policy', () => {
  it('pins a branch with StringEquals on sub and aud', () => {
    const { trust, role } = synthRole({ branches: ['main'] });
    expect(trust.Statement).toEqual([
      statement({ StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': 'repo:faro-ai/rag-services:ref:refs/heads/main' } }, 'GithubActionsExactSubjects'),
    ]);
    expect(role.max_session_duration).toBe(3600);
    expect(role.name).toBe('ci');
  });

  it('puts a tag pattern under StringLike, aud still under plain StringEquals', () => {
    const { trust } = synthRole({ tags: ['v*'] });
    expect(trust.Statement).toEqual([
      statement(
        { StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:faro-ai/rag-services:ref:refs/tags/v*' } },
        'GithubActionsSubjectPatterns',
      ),
    ]);
  });

  it('writes environments and pull requests as exact subjects', () => {
    const { trust } = synthRole({ environments: ['production'], pullRequests: true });
    expect(trust.Statement).toEqual([
      statement(
        {
          StringEquals: {
            ...AUD,
            'token.actions.githubusercontent.com:sub': [
              'repo:faro-ai/rag-services:environment:production',
              'repo:faro-ai/rag-services:pull_request',
            ],
          },
        },
        'GithubActionsExactSubjects',
      ),
    ]);
  });

  it('keeps exact subjects and patterns in separate statements (operators in one statement are ANDed)', () => {
    const { trust } = synthRole({ repositories: ['faro-ai/a', 'faro-ai/b'], branches: ['main', 'release-?'], tags: ['v*'] });
    expect(trust.Statement).toHaveLength(2);
    const [exact, patterns] = trust.Statement;
    expect(exact.Condition).toEqual({
      StringEquals: { ...AUD, 'token.actions.githubusercontent.com:sub': ['repo:faro-ai/a:ref:refs/heads/main', 'repo:faro-ai/b:ref:refs/heads/main'] },
    });
    expect(patterns.Condition).toEqual({
      StringEquals: AUD,
      StringLike: {
        'token.actions.githubusercontent.com:sub': [
          'repo:faro-ai/a:ref:refs/heads/release-?',
          'repo:faro-ai/a:ref:refs/tags/v*',
          'repo:faro-ai/b:ref:refs/heads/release-?',
          'repo:faro-ai/b:ref:refs/tags/v*',
        ],
      },
    });
    for (const s of trust.Statement) expect(Object.keys(s.Condition).some((op) => op.startsWith('ForAllValues'))).toBe(false);
  });

  it('trusts repo:ORG/* only with allowWholeOrganization, and still pins the branch', () => {
    const { trust } = synthRole({ branches: ['main'], allowWholeOrganization: true });
    expect(trust.Statement).toEqual([
      statement(
        { StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:faro-ai/*:ref:refs/heads/main' } },
        'GithubActionsSubjectPatterns',
      ),
    ]);
  });

  it('sets the maximum session duration', () => {
    expect(synthRole({ branches: ['main'], maxSessionDuration: 7200 }).role.max_session_duration).toBe(7200);
  });
});

describe('GithubActionsRole refuses unsafe input', () => {
  const build = (props: Partial<GithubActionsRoleProps>) => () => synthRole(props);

  it.each<[string, Partial<GithubActionsRoleProps>, string]>([
    [
      'no branches, tags, environments or pull requests',
      {},
      "'props' must allow at least one of branches, tags, environments or pullRequests: true, got none",
    ],
    ['no repositories', { repositories: [], branches: ['main'] }, "'repositories' must name at least one GitHub repository (org/repo), got none"],
    ['a wildcard organization', { repositories: ['*/rag'], branches: ['main'] }, "'repositories[0]' must not have * or ? in the organization"],
    ['a wildcard repository', { repositories: ['faro-ai/*'], branches: ['main'] }, "'repositories[0]' must name one repository, without * or ?"],
    [
      'a wildcard repository even with the organization opt-in',
      { repositories: ['faro-ai/*'], branches: ['main'], allowWholeOrganization: true },
      "'repositories[0]' must name one repository, without * or ?",
    ],
    ['a repository not in org/repo form', { repositories: ['rag-services'], branches: ['main'] }, "'repositories[0]' must be a GitHub repository written as org/repo"],
    ['a branch with refs/heads/', { branches: ['refs/heads/main'] }, "'branches[0]' must be the branch name without refs/heads/ (it is added)"],
    ['a session longer than IAM allows', { branches: ['main'], maxSessionDuration: 50000 }, "'maxSessionDuration' must be a whole number of seconds from 3600 to 43200, got 50000"],
  ])('%s', (_name, props, message) => {
    expect(build(props)).toThrow(message);
  });
});
