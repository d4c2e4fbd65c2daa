import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { renderPolicy } from '../../domain/iam/policy-document';
import { show } from '../../domain/problem';
import { githubRoleTrustStatements } from '../../domain/github/trust-policy';
import {
  buildGithubSubjects,
  checkGithubSubjects,
  checkGithubSubjectSpec,
  constructErrorMessage,
  parseGithubRepository,
  type GithubSubjectSpec,
} from '../../domain/github/subjects';

export {
  GITHUB_AUD_KEY,
  GITHUB_OWNER_ID_KEY,
  GITHUB_REPOSITORY_ID_KEY,
  GITHUB_SUB_KEY,
  githubRoleTrustStatements,
  githubTrustStatements,
  splitByIds,
  type GithubIdPins,
} from '../../domain/github/trust-policy';

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
      description: props.description ?? `GitHub Actions OIDC role for ${[...new Set(props.repositories.map(repositoryName))].sort().join(', ')}`.slice(0, 1000),
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
