import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';
import { show } from '../../domain/problem';
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from './github-oidc-provider';
import {
  buildGithubSubjects,
  checkGithubSubjects,
  checkGithubSubjectSpec,
  constructErrorMessage,
  githubIdPins,
  githubRepositoryKey,
  hasGithubIds,
  hasWildcard,
  parseGithubRepository,
  type GithubSubjectSpec,
} from '../../domain/github/subjects';

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

export interface GithubActionsRoleProps extends GithubSubjectSpec {
  /** IAM role name. */
  readonly roleName: string;
  /** ARN of the GitHub Actions OIDC provider (GithubOidcProvider.arn). */
  readonly oidcProviderArn: string;
  /** @default 3600 (one hour; IAM allows 3600 to 43200) */
  readonly maxSessionDuration?: number;
  /** @default a sentence naming the repositories */
  readonly description?: string;
}

/**
 * The trust policy of a GitHub Actions role. Exact subjects go under StringEquals and
 * patterns under StringLike, in separate statements: condition operators in one statement
 * are ANDed, so one statement with both would require a token to match both lists.
 * Each statement pins `aud` with plain StringEquals (a ForAllValues operator would also
 * match a token without the key). With `pins`, each statement also requires the token's
 * `repository_id` and `repository_owner_id` to be one of the given IDs (StringEquals), so a
 * repository or owner name that someone re-registers matches nothing, in either subject form.
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

/**
 * An IAM role that GitHub Actions workflows assume with their OIDC token, pinned to
 * repositories and to branches, tags, environments or pull requests. Refuses (throws)
 * any spec that would let other repositories in: there is no way to build it unsafely.
 * Attach permissions with EcrAccessPolicy.
 */
export class GithubActionsRole extends Construct {
  readonly role: IamRole;
  /** The `sub` claims the role trusts. */
  readonly subjects: readonly string[];

  constructor(scope: Construct, id: string, props: GithubActionsRoleProps) {
    super(scope, id);
    const specProblems = checkGithubSubjectSpec(props);
    this.subjects = specProblems.length ? [] : buildGithubSubjects(props);
    const problems = specProblems.length ? specProblems : checkGithubSubjects(this.subjects, props);
    if (problems.length) throw new Error(constructErrorMessage(problems));

    const maxSessionDuration = props.maxSessionDuration ?? 3600;
    if (!Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new Error(`'maxSessionDuration' must be a whole number of seconds from 3600 to 43200, got ${show(maxSessionDuration)}`);
    }

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description ?? `GitHub Actions OIDC role for ${[...new Set(props.repositories.map(repositoryName))].join(', ')}`.slice(0, 1000),
      assumeRolePolicy: renderPolicy(githubRoleTrustStatements(props.oidcProviderArn, props)),
      maxSessionDuration,
    });
  }
}

/** `org/repo` without the IDs (the role's description names repositories, not numbers). */
function repositoryName(value: string): string {
  const parsed = parseGithubRepository(value);
  return parsed ? `${parsed.owner}/${parsed.repository}` : value;
}

function oneOrMany(values: readonly string[]): string | string[] {
  const unique = [...new Set(values)].sort();
  return unique.length === 1 ? unique[0] : unique;
}
