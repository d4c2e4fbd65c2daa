import {
  buildGithubSubjects,
  checkGithubRepository,
  checkGithubSubjectSpec,
  checkGithubSubjects,
} from '../../src/domain/github/subjects';

describe('buildGithubSubjects', () => {
  it('writes every subject kind in GitHub\'s claim format', () => {
    expect(
      buildGithubSubjects({
        repositories: ['faro-ai/rag-services'],
        branches: ['main', 'release/*'],
        tags: ['v*'],
        environments: ['production'],
        pullRequests: true,
      }),
    ).toEqual([
      'repo:faro-ai/rag-services:environment:production',
      'repo:faro-ai/rag-services:pull_request',
      'repo:faro-ai/rag-services:ref:refs/heads/main',
      'repo:faro-ai/rag-services:ref:refs/heads/release/*',
      'repo:faro-ai/rag-services:ref:refs/tags/v*',
    ]);
  });

  it('crosses every repository with every ref, sorted and without duplicates', () => {
    expect(buildGithubSubjects({ repositories: ['a/x', 'b/y', 'a/x'], branches: ['main', 'main'] })).toEqual([
      'repo:a/x:ref:refs/heads/main',
      'repo:b/y:ref:refs/heads/main',
    ]);
  });

  it('uses ORG/* once per organization only with allowWholeOrganization', () => {
    expect(buildGithubSubjects({ repositories: ['faro-ai/a', 'faro-ai/b', 'other/c'], branches: ['main'], allowWholeOrganization: true })).toEqual([
      'repo:faro-ai/*:ref:refs/heads/main',
      'repo:other/*:ref:refs/heads/main',
    ]);
  });
});

describe('checkGithubRepository', () => {
  it.each(['faro-ai/rag-services', 'Org_1/repo.name-2', 'a/.github'])('accepts %s', (value) => {
    expect(checkGithubRepository(value, 'r')).toEqual([]);
  });

  it.each([
    ['rag-services', 'must be a GitHub repository written as org/repo (e.g. faro-ai/rag-services) or with its IDs as org@<owner id>/repo@<repository id>, got "rag-services"'],
    ['a/b/c', 'must be a GitHub repository written as org/repo (e.g. faro-ai/rag-services) or with its IDs as org@<owner id>/repo@<repository id>, got "a/b/c"'],
    ['*/*', 'must not have * or ? in the organization: a wildcard organization lets every GitHub user\'s workflows assume the role, got "*/*"'],
    ['faro-?/x', 'must not have * or ? in the organization: a wildcard organization lets every GitHub user\'s workflows assume the role, got "faro-?/x"'],
    [
      'faro-ai/*',
      'must name one repository, without * or ?: a wildcard lets other repositories of faro-ai assume the role, got "faro-ai/*" (to trust all of faro-ai on purpose, list its repositories and set allowWholeOrganization: true on the CI role)',
    ],
    [
      'faro-ai/rag-?',
      'must name one repository, without * or ?: a wildcard lets other repositories of faro-ai assume the role, got "faro-ai/rag-?" (to trust all of faro-ai on purpose, list its repositories and set allowWholeOrganization: true on the CI role)',
    ],
    ['-bad/x', 'must start with a GitHub organization (letters, digits, -, _; at most 39), got "-bad/x"'],
    ['org/has space', 'must end with a GitHub repository name (letters, digits, ., _, -; at most 100), got "org/has space"'],
    ['org/..', 'must end with a GitHub repository name (letters, digits, ., _, -; at most 100), got "org/.."'],
  ])('refuses %s', (value, message) => {
    expect(checkGithubRepository(value, 'r')).toEqual([{ path: 'r', message }]);
  });
});

describe('checkGithubSubjectSpec', () => {
  it('accepts a repository pinned to a branch', () => {
    expect(checkGithubSubjectSpec({ repositories: ['o/r'], branches: ['main'] })).toEqual([]);
  });

  it('refuses a spec with nothing that may assume the role (an empty subject list)', () => {
    expect(checkGithubSubjectSpec({ repositories: ['o/r'] })).toEqual([
      {
        path: '',
        message:
          'must allow at least one of branches, tags, environments or pullRequests: true, got none (the subject list would be empty, and a trust policy without a sub condition lets any GitHub repository assume the role)',
      },
    ]);
    expect(checkGithubSubjectSpec({ repositories: ['o/r'], branches: [], pullRequests: false })).toHaveLength(1);
  });

  it('refuses an empty repository list', () => {
    expect(checkGithubSubjectSpec({ repositories: [], branches: ['main'] })).toEqual([
      { path: 'repositories', message: 'must name at least one GitHub repository (org/repo), got none: a role without subjects could never be assumed safely' },
    ]);
  });

  it('requires repositories from the known list, naming the allowed ones, and does not re-check listed ones', () => {
    expect(checkGithubSubjectSpec({ repositories: ['o/r', 'o/x'], branches: ['main'] }, ['o/r', 'o/s'])).toEqual([
      { path: 'repositories[1]', message: 'must be one of access.github.repositories (o/r, o/s), got "o/x"' },
    ]);
    expect(checkGithubSubjectSpec({ repositories: ['bad'], branches: ['main'] }, ['bad'])).toEqual([]);
    expect(checkGithubSubjectSpec({ repositories: ['o/r'], branches: ['main'] }, [])[0].message).toBe(
      'must be listed in access.github.repositories first (it is empty), got "o/r"',
    );
  });

  it('reports each bad ref at its own path', () => {
    expect(
      checkGithubSubjectSpec({
        repositories: ['o/r'],
        branches: ['main', 'refs/heads/dev', 'a b'],
        tags: ['refs/tags/v1', 'v:1'],
        environments: [' prod'],
      }),
    ).toEqual([
      { path: 'branches[1]', message: 'must be the branch name without refs/heads/ (it is added), got "refs/heads/dev"' },
      { path: 'branches[2]', message: 'must be a git branch name (no spaces), got "a b"' },
      { path: 'tags[0]', message: 'must be the tag name without refs/tags/ (it is added), got "refs/tags/v1"' },
      { path: 'tags[1]', message: 'must not contain ":" (it separates the parts of the sub claim), got "v:1"' },
      { path: 'environments[0]', message: 'must not start or end with spaces, got " prod"' },
    ]);
  });
});

describe('checkGithubSubjects (finished sub values)', () => {
  it('refuses an empty list', () => {
    expect(checkGithubSubjects([])).toEqual([
      { path: 'subjects', message: 'must name at least one subject, got none: a trust policy without a sub condition lets any GitHub repository assume the role' },
    ]);
  });

  it('refuses all of GitHub, with or without the organization opt-in', () => {
    for (const allowWholeOrganization of [false, true]) {
      expect(checkGithubSubjects(['repo:*'], { allowWholeOrganization })).toEqual([
        { path: 'subjects[0]', message: 'must name one GitHub organization without * or ? (anything else trusts all of GitHub), got "repo:*"' },
      ]);
      expect(checkGithubSubjects(['repo:*/x:ref:refs/heads/main'], { allowWholeOrganization })).toHaveLength(1);
    }
  });

  it('refuses repo:ORG/* unless the organization opt-in is set', () => {
    expect(checkGithubSubjects(['repo:faro-ai/*'])).toEqual([
      {
        path: 'subjects[0]',
        message: 'must name one repository without * or ? (set allowWholeOrganization to trust every repository of faro-ai), got "repo:faro-ai/*"',
      },
    ]);
    expect(checkGithubSubjects(['repo:faro-ai/*:ref:refs/heads/main'])).toHaveLength(1);
    expect(checkGithubSubjects(['repo:faro-ai/*', 'repo:faro-ai/*:ref:refs/heads/main'], { allowWholeOrganization: true })).toEqual([]);
    expect(checkGithubSubjects(['repo:faro-ai/rag-*:pull_request'], { allowWholeOrganization: true })).toEqual([
      { path: 'subjects[0]', message: 'must name one repository or exactly faro-ai/* for the whole organization, got "repo:faro-ai/rag-*:pull_request"' },
    ]);
  });

  it('refuses subjects that are not repo:ORG/REPO:...', () => {
    expect(checkGithubSubjects(['environment:prod', 'repo:faro-ai', 'repo:a/b/c:pull_request', 'repo:a/b:'])).toEqual([
      { path: 'subjects[0]', message: 'must start with repo:ORG/REPO, got "environment:prod"' },
      { path: 'subjects[1]', message: 'must name a repository as repo:ORG/REPO, got "repo:faro-ai"' },
      { path: 'subjects[2]', message: 'must name a repository as repo:ORG/REPO, got "repo:a/b/c:pull_request"' },
      { path: 'subjects[3]', message: 'must not end with an empty part, got "repo:a/b:"' },
    ]);
  });

  it('accepts what the builder makes', () => {
    const subjects = buildGithubSubjects({ repositories: ['o/r'], branches: ['*'], tags: ['v*'], environments: ['prod'], pullRequests: true });
    expect(checkGithubSubjects(subjects)).toEqual([]);
  });
});
