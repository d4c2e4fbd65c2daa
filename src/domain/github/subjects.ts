/**
 * The `sub` claims a GitHub Actions OIDC token may carry to assume a CI role, and the
 * rules that keep them safe. Pure functions: the configuration check reports their
 * problems with config paths, the CI role construct refuses to build on any of them.
 *
 * Subject forms (GitHub's default claim format):
 *   repo:ORG/REPO:ref:refs/heads/BRANCH    repo:ORG/REPO:ref:refs/tags/TAG
 *   repo:ORG/REPO:environment:NAME         repo:ORG/REPO:pull_request
 *
 * Immutable subject claims: repositories created, renamed or transferred on github.com after
 * GitHub's cut-over (and those that opt in) get owner and repository IDs in the default `sub`,
 * appended to each name with `@`:
 *   repo:ORG@OWNER_ID/REPO@REPO_ID:ref:refs/heads/main
 * Sources: GitHub docs, "OpenID Connect" > "Immutable subject claims" (github/docs#45221: "The
 * immutable ID is appended to each name with an `@` delimiter ... repo:octocat@123456/my-repo@456789:ref:refs/heads/main");
 * Microsoft Learn, "Migrate GitHub Actions federated credentials to immutable subjects"
 * (`repo:<owner>@<owner_id>/<repo>@<repo_id>:ref:refs/heads/main`); GitHub changelog
 * 2026-04-23 "Immutable subject claims for GitHub Actions OIDC tokens" (new repositories, renames
 * and transfers; existing repositories opt in). The changelog's first example wrote the IDs with
 * `-` (octocat-123456); the docs use `@`, which no GitHub name can contain, so `@` is the only form
 * trusted here (`-` would be ambiguous: octocat-123456 is also a valid organization name).
 * Until every repository has switched, a role trusts both forms, and pins the IDs themselves with
 * the `repository_id` claim (`repository_owner_id` for a whole organization; ./trust-policy.ts), so a re-registered name
 * matches neither form.
 */
import { show, type Problem } from '../problem';

/** What may assume a CI role, before it is turned into `sub` claims. */
export interface GithubSubjectSpec {
  /** GitHub repositories as `org/repo`, or with their immutable IDs as `org@<owner id>/repo@<repository id>`. */
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

/** A GitHub repository as configured: its name, and its immutable IDs when given. */
export interface GithubRepository {
  readonly owner: string;
  readonly repository: string;
  readonly ownerId?: string;
  readonly repositoryId?: string;
}

const WITH_IDS = /^([^/@]*)(?:@([^/@]*))?\/([^/@]*)(?:@([^/@]*))?$/;
/** GitHub's database IDs: positive decimal integers. */
const ID = /^[1-9]\d{0,19}$/;

/** The parts of `org/repo` or `org@<owner id>/repo@<repository id>`; undefined when it is neither shape. */
export function parseGithubRepository(value: string): GithubRepository | undefined {
  const match = WITH_IDS.exec(value);
  if (!match) return undefined;
  const [, owner, ownerId, repository, repositoryId] = match;
  return { owner, repository, ...(ownerId !== undefined ? { ownerId } : {}), ...(repositoryId !== undefined ? { repositoryId } : {}) };
}

/**
 * The one identity of a repository: GitHub names are case-insensitive (`Faro-AI/Rag` is
 * `faro-ai/rag`), and the IDs are not part of the name.
 */
export function githubRepositoryKey(value: string): string {
  const parsed = parseGithubRepository(value);
  return (parsed ? `${parsed.owner}/${parsed.repository}` : value).toLowerCase();
}

/**
 * Problems with one GitHub repository written as `org/repo` or `org@<owner id>/repo@<repository id>`;
 * the path is the caller's. A wildcard is refused in either part: in the organization it would
 * trust all of GitHub, in the repository every repository of the organization (that needs the
 * explicit opt-in). IDs come both or not at all, as GitHub's immutable `sub` writes them.
 */
export function checkGithubRepository(value: string, path = ''): Problem[] {
  const parsed = parseGithubRepository(value);
  if (!parsed) {
    return [
      {
        path,
        message: `must be a GitHub repository written as org/repo (e.g. faro-ai/rag-services) or with its IDs as org@<owner id>/repo@<repository id>, got ${show(value)}`,
      },
    ];
  }
  const { owner: org, repository: repo, ownerId, repositoryId } = parsed;
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
  if ((ownerId === undefined) !== (repositoryId === undefined)) {
    return [
      {
        path,
        message: `must give both immutable IDs, as GitHub's sub claim writes them (org@<owner id>/repo@<repository id>), or neither, got ${show(value)}`,
      },
    ];
  }
  for (const id of [ownerId, repositoryId]) {
    if (id !== undefined && !ID.test(id)) {
      return [{ path, message: `must have decimal IDs after @ (gh api repos/${org}/${repo} --jq .id,.owner.id prints the repository ID, then the owner ID), got ${show(value)}` }];
    }
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
  const known = knownRepositories?.map(githubRepositoryKey);
  spec.repositories.forEach((repository, i) => {
    if (known && knownRepositories && !known.includes(githubRepositoryKey(repository))) {
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
  // With a known list, the caller checks the lists as written (a default taken from the list is not the role's to fix).
  if (!knownRepositories) problems.push(...duplicateRepositoryProblems(spec.repositories, 'repositories'));
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
 * A repository listed twice, also in another case or with and without IDs (GitHub names are
 * case-insensitive: `Faro-AI/Rag` is `faro-ai/rag`), and an owner given two different IDs.
 * Paths are `<path>[i]`.
 */
export function duplicateRepositoryProblems(repositories: readonly string[], path: string): Problem[] {
  const problems: Problem[] = [];
  const firstByKey = new Map<string, number>();
  const ownerIds = new Map<string, { id: string; index: number }>();
  repositories.forEach((repository, i) => {
    // An entry refused on its own (checkGithubRepository) says nothing about the others.
    if (checkGithubRepository(repository).length) return;
    const parsed = parseGithubRepository(repository)!;
    if (parsed.ownerId) {
      const owner = parsed.owner.toLowerCase();
      const known = ownerIds.get(owner);
      if (known && known.id !== parsed.ownerId) {
        problems.push({
          path: `${path}[${i}]`,
          message: `must give owner ${parsed.owner} the owner ID of ${path}[${known.index}] (${known.id}: one owner has one ID), got ${show(repository)}`,
        });
      } else if (!known) {
        ownerIds.set(owner, { id: parsed.ownerId, index: i });
      }
    }
    const key = githubRepositoryKey(repository);
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, i);
      return;
    }
    problems.push({
      path: `${path}[${i}]`,
      message:
        repositories[first] === repository
          ? `must be listed once, got ${show(repository)} again`
          : `must be listed once: ${show(repository)} is the repository ${show(repositories[first])} of ${path}[${first}] (GitHub names are case-insensitive; IDs do not make another repository), got it again`,
    });
  });
  return problems;
}

/**
 * The `sub` claims of a spec, sorted and without duplicates. Call it on a spec that
 * checkGithubSubjectSpec accepted. A repository with IDs gets both subject forms: the name
 * form it may still carry, and the immutable form it carries once created, renamed,
 * transferred or opted in (`repo:ORG@OWNER_ID/REPO@REPO_ID:...`).
 */
export function buildGithubSubjects(spec: GithubSubjectSpec): string[] {
  const sources = [...new Set(spec.repositories.flatMap((repository) => subjectSources(repository, spec.allowWholeOrganization)))];
  const subjects = sources.flatMap((source) => [
    ...(spec.branches ?? []).map((branch) => `repo:${source}:ref:refs/heads/${branch}`),
    ...(spec.tags ?? []).map((tag) => `repo:${source}:ref:refs/tags/${tag}`),
    ...(spec.environments ?? []).map((environment) => `repo:${source}:environment:${environment}`),
    ...(spec.pullRequests ? [`repo:${source}:pull_request`] : []),
  ]);
  return [...new Set(subjects)].sort();
}

/** The `ORG/REPO` parts of the subjects of one repository (`ORG/*` for the whole organization). */
function subjectSources(value: string, wholeOrganization?: boolean): string[] {
  const parsed = parseGithubRepository(value);
  if (!parsed) return [value];
  const { owner, repository, ownerId, repositoryId } = parsed;
  if (wholeOrganization) return [`${owner}/*`, ...(ownerId ? [`${owner}@${ownerId}/*`] : [])];
  return [`${owner}/${repository}`, ...(ownerId && repositoryId ? [`${owner}@${ownerId}/${repository}@${repositoryId}`] : [])];
}

/**
 * The immutable IDs a spec's trust pins; empty lists when none are given. One repository is
 * pinned by `repository_id` alone: the ID names one repository whoever owns it, and it is the
 * key AWS STS's announcement lists for GitHub. `repository_owner_id` is pinned only for a whole
 * organization, where no repository ID exists and the owner's is the only immutable fact; if STS
 * does not set that key, StringEquals is false and the role fails closed (README: immutable IDs).
 */
export function githubIdPins(spec: Pick<GithubSubjectSpec, 'repositories' | 'allowWholeOrganization'>): { repositoryIds: string[]; ownerIds: string[] } {
  const parsed = spec.repositories.map(parseGithubRepository).filter((r): r is GithubRepository => Boolean(r?.ownerId && r.repositoryId));
  return {
    repositoryIds: spec.allowWholeOrganization ? [] : [...new Set(parsed.map((r) => r.repositoryId!))].sort(),
    ownerIds: spec.allowWholeOrganization ? [...new Set(parsed.map((r) => r.ownerId!))].sort() : [],
  };
}

/** Whether a repository is written with its immutable IDs. */
export function hasGithubIds(value: string): boolean {
  return Boolean(parseGithubRepository(value)?.repositoryId);
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
