// The access section's checks, on the minimal configuration (its one repository is "app").
import type { Problem } from '../../src/domain/problem';
import { problemsFrom } from '../support/config';
import { minimalConfig, type ConfigOverrides } from '../support/minimal-config';

const REPOS = ['faro-ai/rag-services', 'faro-ai/platform-infrastructure'];

function role(overrides: Record<string, unknown> = {}) {
  return { name: 'ci', branches: ['main'], pushTo: ['app'], ...overrides };
}

/** The problems a configuration with this access section has (none: []). */
function problemsOf(access: Record<string, unknown>): Problem[] {
  return problemsFrom(() => minimalConfig({ access } as ConfigOverrides));
}

const github = (gh: Record<string, unknown>) => ({ github: { repositories: REPOS, ciRoles: [role()], ...gh } });

describe('access configuration checks', () => {
  it('accepts a CI role pushing to the configured repository', () => {
    expect(problemsOf(github({}))).toEqual([]);
  });

  it('refuses bad entries in the one list of GitHub repositories, one problem each', () => {
    expect(problemsOf(github({ repositories: ['faro-ai/rag-services', 'faro-ai/*', 'rag', '*/x', 'faro-ai/rag-services'] }))).toEqual([
      {
        path: 'access.github.repositories[1]',
        message:
          'must name one repository, without * or ?: a wildcard lets other repositories of faro-ai assume the role, got "faro-ai/*" (to trust all of faro-ai on purpose, list its repositories and set allowWholeOrganization: true on the CI role)',
      },
      { path: 'access.github.repositories[2]', message: 'must be a GitHub repository written as org/repo (e.g. faro-ai/rag-services) or with its IDs as org@<owner id>/repo@<repository id>, got "rag"' },
      {
        path: 'access.github.repositories[3]',
        message: 'must not have * or ? in the organization: a wildcard organization lets every GitHub user\'s workflows assume the role, got "*/x"',
      },
      { path: 'access.github.repositories[4]', message: 'must be listed once, got "faro-ai/rag-services" again' },
    ]);
  });

  it('requires a CI role\'s repositories to come from access.github.repositories', () => {
    expect(problemsOf(github({ ciRoles: [role({ repositories: ['faro-ai/rag-services', 'someone/else'] })] }))).toEqual([
      {
        path: 'access.github.ciRoles[0].repositories[1]',
        message: 'must be one of access.github.repositories (faro-ai/rag-services, faro-ai/platform-infrastructure), got "someone/else"',
      },
    ]);
  });

  it('refuses a CI role without subjects', () => {
    expect(problemsOf(github({ ciRoles: [{ name: 'ci', pushTo: ['app'] }] }))).toEqual([
      {
        path: 'access.github.ciRoles[0]',
        message:
          'must allow at least one of branches, tags, environments or pullRequests: true, got none (the subject list would be empty, and a trust policy without a sub condition lets any GitHub repository assume the role)',
      },
    ]);
    expect(problemsOf(github({ ciRoles: [role({ repositories: [] })] }))).toEqual([
      {
        path: 'access.github.ciRoles[0].repositories',
        message: 'must name at least one GitHub repository (org/repo), got none: a role without subjects could never be assumed safely',
      },
    ]);
  });

  it('refuses a CI role that defaults to an empty repository list, pointing at the list', () => {
    expect(problemsOf(github({ repositories: [] }))).toEqual([
      { path: 'access.github.repositories', message: 'must list at least one GitHub repository (org/repo) for CI role "ci", got []' },
    ]);
  });

  it('reports bad refs with their config paths', () => {
    expect(problemsOf(github({ ciRoles: [role({ branches: ['main', 'refs/heads/dev'], environments: ['a:b'] })] }))).toEqual([
      { path: 'access.github.ciRoles[0].branches[1]', message: 'must be the branch name without refs/heads/ (it is added), got "refs/heads/dev"' },
      { path: 'access.github.ciRoles[0].environments[0]', message: 'must not contain ":" (it separates the parts of the sub claim), got "a:b"' },
    ]);
  });

  it('refuses unknown pushTo repositories, naming the allowed ones, and broad wildcards', () => {
    const problems = problemsOf(github({ ciRoles: [role({ pushTo: ['app', 'nope', '*', 'faro-*', 'missing/*'] })] }));
    const allowed = 'app';
    expect(problems).toEqual([
      { path: 'access.github.ciRoles[0].pushTo[1]', message: `must be one of registry.repositories (${allowed}) or a prefix pattern ending in /*, got "nope"` },
      {
        path: 'access.github.ciRoles[0].pushTo[2]',
        message: 'must be a repository name or a prefix pattern ending in /* such as faro-rag/* (a broader wildcard reaches every repository), got "*"',
      },
      {
        path: 'access.github.ciRoles[0].pushTo[3]',
        message: 'must be a repository name or a prefix pattern ending in /* such as faro-rag/* (a broader wildcard reaches every repository), got "faro-*"',
      },
      { path: 'access.github.ciRoles[0].pushTo[4]', message: `must match at least one repository of registry.repositories (${allowed}), got "missing/*"` },
    ]);
  });

  it('refuses duplicate role names across the section', () => {
    expect(
      problemsOf({ ...github({ ciRoles: [role(), role()] }), imageUpdater: { roleName: 'ci', clusterName: 'faro-prod' } }).map((p) => p.path),
    ).toEqual(['access.github.ciRoles[1].name', 'access.imageUpdater.roleName']);
  });

  it('checks the OIDC provider options', () => {
    expect(problemsOf(github({ existingOidcProviderArn: 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com', adoptOidcProvider: true }))).toEqual([
      {
        path: 'access.github.existingOidcProviderArn',
        message:
          'must be a provider in account 111122223333 (aws.accountId; roles trust a provider of their own account), got "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com"',
      },
      {
        path: 'access.github.adoptOidcProvider',
        message: 'must not be true together with existingOidcProviderArn (reference the provider or adopt it into this stack, not both), got true',
      },
    ]);
    expect(problemsOf(github({ existingOidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/example.com' }))[0]).toMatchObject({
      path: 'access.github.existingOidcProviderArn',
      message: expect.stringContaining('must be the ARN arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com'),
    });
  });

  it('checks the image updater binding and its repositories', () => {
    expect(problemsOf({ ...github({}), imageUpdater: { roleName: 'iu', clusterName: 'faro-prod', mechanism: 'irsa', repositories: ['nope'] } })).toEqual([
      {
        path: 'access.imageUpdater.oidcIssuer',
        message: "is required with mechanism irsa (the cluster's issuer, oidc.eks.<region>.amazonaws.com/id/<ID>), got nothing",
      },
      { path: 'access.imageUpdater.repositories[0]', message: expect.stringMatching(/^must be one of registry.repositories \(.*\) or a prefix pattern ending in \/\*, got "nope"$/) },
    ]);
    expect(problemsOf({ ...github({}), imageUpdater: { roleName: 'iu', clusterName: 'faro-prod', namespace: 'Argo*', oidcIssuer: 'x' } })).toEqual([
      { path: 'access.imageUpdater.namespace', message: 'must be a Kubernetes namespace (lower-case DNS label, no wildcards), got "Argo*"' },
      { path: 'access.imageUpdater.oidcIssuer', message: 'is only used with mechanism irsa (pod-identity needs no issuer), got "x"' },
    ]);
  });

  it('requires pull principals to be roles or users of this account', () => {
    expect(
      problemsOf({
        ...github({}),
        pullPrincipals: [
          { name: 'ok', principal: 'arn:aws:iam::111122223333:role/tools' },
          { name: 'other', principal: 'arn:aws:iam::444455556666:role/tools' },
          { name: 'acct', principal: '444455556666' },
          { name: 'ok', principal: 'arn:aws:iam::111122223333:user/ci' },
        ],
      }),
    ).toEqual([
      {
        path: 'access.pullPrincipals[1].principal',
        message:
          'must be an IAM role or user ARN in account 111122223333 (policies can only be attached there; grant other accounts pull through registry.repositories[].pull.principals), got "arn:aws:iam::444455556666:role/tools"',
      },
      { path: 'access.pullPrincipals[2].principal', message: expect.stringContaining('got "444455556666"') },
      { path: 'access.pullPrincipals[3].name', message: 'must be unique among access.pullPrincipals, got "ok" again' },
    ]);
  });
});
