/**
 * The `sub` claims a GitHub Actions OIDC token may carry to assume a CI role, and the
 * rules that keep them safe. Pure functions: the configuration check reports their
 * problems with config paths, the CI role construct refuses to build on any of them.
 *
 * Subject forms (GitHub's default claim format):
 *   repo:ORG/REPO:ref:refs/heads/BRANCH    repo:ORG/REPO:ref:refs/tags/TAG
 *   repo:ORG/REPO:environment:NAME         repo:ORG/REPO:pull_request
 */
import { show, type Problem } from '../problem';

/** What may assume a CI role, before it is turned into `sub` claims. */
export interface GithubSubjectSpec {
  /** GitHub repositories as `org/repo`. */
  readonly repositories: readonly string[];
  /** Branch names or patterns (`*`, `?`), without `refs/heads/`. */
  readonly branches?: readonly string[];
  /** Tag names or patterns, without `refs/tags/`. */
  readonly tags?: readonly string[];
  /** GitHub deployment environments. */
  readonly environments?: readonly string[];
  /** Workflows run for pull requests. */
  readonly pullRequests?: boolean;
  /** Trust every repository of the organizations of `repositories` (`repo:ORG/*:...`). */
  readonly allowWholeOrganization?: boolean;
}

/** GitHub logins: letters, digits, `-` and `_` (enterprise-managed), at most 39, not starting with `-`. */
const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,38}$/;
/** GitHub repository names: letters, digits, `.`, `_` and `-`, at most 100. */
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
const WILDCARD = /[*?]/;

export function hasWildcard(value: string): boolean {
  return WILDCARD.test(value);
}

/**
 * Problems with one GitHub repository written as `org/repo`; the path is the caller's.
 * A wildcard is refused in either part: in the organization it would trust all of GitHub,
 * in the repository every repository of the organization (that needs the explicit opt-in).
 */
export function checkGithubRepository(value: string, path = ''): Problem[] {
  const parts = value.split('/');
  if (parts.length !== 2) {
    return [{ path, message: `must be a GitHub repository written as org/repo (e.g. faro-ai/rag-services), got ${show(value)}` }];
  }
  const [org, repo] = parts;
  if (hasWildcard(org)) {
    return [
      {
        path,
        message: `must not have * or ? in the organization: a wildcard organization lets every GitHub user's workflows assume the role, got ${show(value)}`,
      },
    ];
  }
  if (hasWildcard(repo)) {
    return [
      {
        path,
        message:
          `must name one repository, without * or ?: a wildcard lets other repositories of ${org} assume the role, got ${show(value)}` +
          ` (to trust all of ${org} on purpose, list its repositories and set allowWholeOrganization: true on the CI role)`,
      },
    ];
  }
  if (!ORGANIZATION.test(org)) {
    return [{ path, message: `must start with a GitHub organization (letters, digits, -, _; at most 39), got ${show(value)}` }];
  }
  if (!REPOSITORY.test(repo) || repo === '.' || repo === '..') {
    return [{ path, message: `must end with a GitHub repository name (letters, digits, ., _, -; at most 100), got ${show(value)}` }];
  }
  return [];
}

type RefKind = 'branches' | 'tags' | 'environments';

/** Problems with one branch, tag or environment name; patterns with * and ? are allowed. */
export function checkGithubRef(kind: RefKind, value: string, path = ''): Problem[] {
  const what = kind === 'branches' ? 'branch' : kind === 'tags' ? 'tag' : 'environment';
  if (value.trim() === '') return [{ path, message: `must be a ${what} name or pattern, got ${show(value)}` }];
  if (value !== value.trim()) return [{ path, message: `must not start or end with spaces, got ${show(value)}` }];
  // A `:` would let the value reach into the next part of the claim.
  if (value.includes(':')) return [{ path, message: `must not contain ":" (it separates the parts of the sub claim), got ${show(value)}` }];
  if (kind !== 'environments') {
    if (/\s/.test(value)) return [{ path, message: `must be a git ${what} name (no spaces), got ${show(value)}` }];
    const prefix = kind === 'branches' ? 'refs/heads/' : 'refs/tags/';
    if (value.startsWith('refs/')) {
      return [{ path, message: `must be the ${what} name without ${prefix} (it is added), got ${show(value)}` }];
    }
  }
  return [];
}

/**
 * Problems with a subject spec, with paths relative to it (`repositories[0]`, `branches[1]`, or ''
 * for the spec as a whole). `knownRepositories`, when given, is the one list the repositories
 * must come from (`access.github.repositories`, checked on its own with checkGithubRepository).
 */
export function checkGithubSubjectSpec(spec: GithubSubjectSpec, knownRepositories?: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  spec.repositories.forEach((repository, i) => {
    if (knownRepositories && !knownRepositories.includes(repository)) {
      problems.push({
        path: `repositories[${i}]`,
        message: knownRepositories.length
          ? `must be one of access.github.repositories (${knownRepositories.join(', ')}), got ${show(repository)}`
          : `must be listed in access.github.repositories first (it is empty), got ${show(repository)}`,
      });
    } else if (!knownRepositories) {
      // With a known list, its entries are checked once, where they are written.
      problems.push(...checkGithubRepository(repository, `repositories[${i}]`));
    }
  });
  if (spec.repositories.length === 0) {
    problems.push({
      path: 'repositories',
      message: 'must name at least one GitHub repository (org/repo), got none: a role without subjects could never be assumed safely',
    });
  }
  for (const kind of ['branches', 'tags', 'environments'] as const) {
    (spec[kind] ?? []).forEach((value, i) => problems.push(...checkGithubRef(kind, value, `${kind}[${i}]`)));
  }
  if (!spec.branches?.length && !spec.tags?.length && !spec.environments?.length && !spec.pullRequests) {
    problems.push({
      path: '',
      message:
        'must allow at least one of branches, tags, environments or pullRequests: true, got none ' +
        '(the subject list would be empty, and a trust policy without a sub condition lets any GitHub repository assume the role)',
    });
  }
  return problems;
}

/**
 * The `sub` claims of a spec, sorted and without duplicates. Call it on a spec that
 * checkGithubSubjectSpec accepted.
 */
export function buildGithubSubjects(spec: GithubSubjectSpec): string[] {
  const sources = spec.allowWholeOrganization
    ? [...new Set(spec.repositories.map((repository) => `${repository.split('/')[0]}/*`))]
    : [...spec.repositories];
  const subjects = sources.flatMap((source) => [
    ...(spec.branches ?? []).map((branch) => `repo:${source}:ref:refs/heads/${branch}`),
    ...(spec.tags ?? []).map((tag) => `repo:${source}:ref:refs/tags/${tag}`),
    ...(spec.environments ?? []).map((environment) => `repo:${source}:environment:${environment}`),
    ...(spec.pullRequests ? [`repo:${source}:pull_request`] : []),
  ]);
  return [...new Set(subjects)].sort();
}

/**
 * The last line of defence, on finished `sub` values: never empty, always `repo:ORG/REPO:...`,
 * never a wildcard organization (all of GitHub), and a wildcard repository (`repo:ORG/*`)
 * only with the explicit opt-in.
 */
export function checkGithubSubjects(subjects: readonly string[], options: { allowWholeOrganization?: boolean } = {}): Problem[] {
  if (subjects.length === 0) {
    return [{ path: 'subjects', message: 'must name at least one subject, got none: a trust policy without a sub condition lets any GitHub repository assume the role' }];
  }
  const problems: Problem[] = [];
  subjects.forEach((subject, i) => {
    const path = `subjects[${i}]`;
    const match = /^repo:([^/:]*)(?:\/([^:]*))?(?::(.*))?$/.exec(subject);
    if (!match) {
      problems.push({ path, message: `must start with repo:ORG/REPO, got ${show(subject)}` });
      return;
    }
    const [, org, repo, rest] = match;
    if (org === '' || hasWildcard(org)) {
      problems.push({ path, message: `must name one GitHub organization without * or ? (anything else trusts all of GitHub), got ${show(subject)}` });
      return;
    }
    if (repo === undefined || repo === '' || repo.includes('/')) {
      problems.push({ path, message: `must name a repository as repo:ORG/REPO, got ${show(subject)}` });
      return;
    }
    if (hasWildcard(repo)) {
      if (!options.allowWholeOrganization) {
        problems.push({
          path,
          message: `must name one repository without * or ? (set allowWholeOrganization to trust every repository of ${org}), got ${show(subject)}`,
        });
        return;
      }
      if (repo !== '*') {
        problems.push({ path, message: `must name one repository or exactly ${org}/* for the whole organization, got ${show(subject)}` });
        return;
      }
    }
    if (rest !== undefined && rest.trim() === '') {
      problems.push({ path, message: `must not end with an empty part, got ${show(subject)}` });
    }
  });
  return problems;
}

/** Renders problems in aws-cdk's construct form, one per line: `'branches[1]' must ..., got ...`. */
export function constructErrorMessage(problems: readonly Problem[], prefix = ''): string {
  const join = (path: string) => (!path ? prefix : !prefix || path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`);
  return problems.map((p) => `'${join(p.path) || 'props'}' ${p.message}`).join('\n');
}
