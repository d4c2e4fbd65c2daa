/**
 * The trust policy of GitHub Actions roles: GitHub's OIDC provider, the audience
 * aws-actions/configure-aws-credentials requests, and the `sub` claims of ./subjects.ts.
 * Source: https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
import type { PolicyStatement } from '../iam/policy-document';
import { buildGithubSubjects, githubIdPins, githubRepositoryKey, hasGithubIds, hasWildcard, type GithubSubjectSpec } from './subjects';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;
/** The audience aws-actions/configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
export const GITHUB_SUB_KEY = `${GITHUB_OIDC_HOST}:sub`;
export const GITHUB_AUD_KEY = `${GITHUB_OIDC_HOST}:aud`;
/**
 * Claims of GitHub's OIDC token that never change for a repository (GitHub docs, "OpenID
 * Connect reference" > "OIDC token claims": repository_id, repository_owner_id). AWS STS
 * evaluates GitHub's provider-specific claims as condition keys <issuer>:<claim> in trust
 * policies (AWS What's New, 2026-01, "AWS STS supports validation of identity provider specific
 * claims"; its list for GitHub names repository_id; a key STS does not set makes StringEquals
 * false, so a missing claim denies, never allows).
 */
export const GITHUB_REPOSITORY_ID_KEY = `${GITHUB_OIDC_HOST}:repository_id`;
export const GITHUB_OWNER_ID_KEY = `${GITHUB_OIDC_HOST}:repository_owner_id`;

/** Immutable IDs a trust statement requires besides the subject. */
export interface GithubIdPins {
  readonly repositoryIds: readonly string[];
  readonly ownerIds: readonly string[];
}

/** The ARN of an account's GitHub OIDC provider (IAM names a provider by its URL's host). */
export function githubOidcProviderArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/**
 * The trust policy of a GitHub Actions role. Exact subjects go under StringEquals and
 * patterns under StringLike, in separate statements: condition operators in one statement
 * are ANDed, so one statement with both would require a token to match both lists.
 * Each statement pins `aud` with plain StringEquals (a ForAllValues operator would also
 * match a token without the key). With `pins`, each statement also requires the token's
 * `repository_id` (or, for a whole organization, `repository_owner_id`) to be one of the given
 * IDs (StringEquals), so a name that someone re-registers matches nothing, in either subject form.
 */
export function githubTrustStatements(oidcProviderArn: string, subjects: readonly string[], pins?: GithubIdPins): PolicyStatement[] {
  const exact = subjects.filter((s) => !hasWildcard(s));
  const patterns = subjects.filter((s) => hasWildcard(s));
  const pinned = {
    ...(pins?.repositoryIds.length ? { [GITHUB_REPOSITORY_ID_KEY]: oneOrMany(pins.repositoryIds) } : {}),
    ...(pins?.ownerIds.length ? { [GITHUB_OWNER_ID_KEY]: oneOrMany(pins.ownerIds) } : {}),
  };
  const suffix = Object.keys(pinned).length ? 'ById' : '';
  const statement = (sid: string, operator: 'StringEquals' | 'StringLike', values: readonly string[]): PolicyStatement => ({
    Sid: `${sid}${suffix}`,
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition:
      operator === 'StringEquals'
        ? { StringEquals: { [GITHUB_AUD_KEY]: GITHUB_OIDC_AUDIENCE, [GITHUB_SUB_KEY]: oneOrMany(values), ...pinned } }
        : { StringEquals: { [GITHUB_AUD_KEY]: GITHUB_OIDC_AUDIENCE, ...pinned }, StringLike: { [GITHUB_SUB_KEY]: oneOrMany(values) } },
  });
  return [
    ...(exact.length ? [statement('GithubActionsExactSubjects', 'StringEquals', exact)] : []),
    ...(patterns.length ? [statement('GithubActionsSubjectPatterns', 'StringLike', patterns)] : []),
  ];
}

/**
 * The repositories whose trust is pinned by ID, and the rest. With the whole organization
 * trusted, an owner with a known ID is pinned as a whole (its repositories written without IDs
 * too), or the unpinned `repo:ORG/*` statement would let a re-registered owner name in.
 */
export function splitByIds(spec: GithubSubjectSpec): { pinned: string[]; unpinned: string[] } {
  const withIds = spec.repositories.filter(hasGithubIds);
  const pinnedOwners = new Set(withIds.map((r) => githubRepositoryKey(r).split('/')[0]));
  const isPinned = (r: string) => (spec.allowWholeOrganization ? pinnedOwners.has(githubRepositoryKey(r).split('/')[0]) : hasGithubIds(r));
  return { pinned: spec.repositories.filter(isPinned), unpinned: spec.repositories.filter((r) => !isPinned(r)) };
}

/** Every statement of a role's trust: the repositories with IDs pinned, the others by name only. */
export function githubRoleTrustStatements(oidcProviderArn: string, spec: GithubSubjectSpec): PolicyStatement[] {
  const { pinned, unpinned } = splitByIds(spec);
  return [
    ...(unpinned.length ? githubTrustStatements(oidcProviderArn, buildGithubSubjects({ ...spec, repositories: unpinned })) : []),
    ...(pinned.length ? githubTrustStatements(oidcProviderArn, buildGithubSubjects({ ...spec, repositories: pinned }), githubIdPins({ ...spec, repositories: pinned })) : []),
  ];
}

function oneOrMany(values: readonly string[]): string | string[] {
  const unique = [...new Set(values)].sort();
  return unique.length === 1 ? unique[0] : unique;
}

/**
 * Why a GitHub `sub` value admits refs nobody reviewed, or undefined: a pull_request subject
 * runs the pull request's code; a pattern in the branch, tag or environment (or in place of the
 * whole context) matches refs anyone with write access can create, and GitHub creates a missing
 * environment the first time a workflow names it.
 */
export function untrustedSubject(sub: string): string | undefined {
  const match = /^repo:[^/:]+\/[^:]+(?::(.*))?$/.exec(sub);
  if (!match || match[1] === undefined) return undefined;
  const context = match[1];
  if (/^pull_request$/.test(context)) return 'a pull_request subject';
  if (!/[*?]/.test(context)) return undefined;
  if (context.startsWith('ref:refs/heads/')) return 'a branch pattern';
  if (context.startsWith('ref:refs/tags/')) return 'a tag pattern';
  if (context.startsWith('environment:')) return 'an environment pattern';
  return 'a pattern over every ref';
}
