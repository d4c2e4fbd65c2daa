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
  hasWildcard,
  type GithubSubjectSpec,
} from '../../domain/github/subjects';

export const GITHUB_SUB_KEY = `${GITHUB_OIDC_HOST}:sub`;
export const GITHUB_AUD_KEY = `${GITHUB_OIDC_HOST}:aud`;

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
 * match a token without the key).
 */
export function githubTrustStatements(oidcProviderArn: string, subjects: readonly string[]): PolicyStatement[] {
  const exact = subjects.filter((s) => !hasWildcard(s));
  const patterns = subjects.filter((s) => hasWildcard(s));
  const statement = (sid: string, operator: 'StringEquals' | 'StringLike', values: readonly string[]): PolicyStatement => ({
    Sid: sid,
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition:
      operator === 'StringEquals'
        ? { StringEquals: { [GITHUB_AUD_KEY]: GITHUB_OIDC_AUDIENCE, [GITHUB_SUB_KEY]: oneOrMany(values) } }
        : { StringEquals: { [GITHUB_AUD_KEY]: GITHUB_OIDC_AUDIENCE }, StringLike: { [GITHUB_SUB_KEY]: oneOrMany(values) } },
  });
  return [
    ...(exact.length ? [statement('GithubActionsExactSubjects', 'StringEquals', exact)] : []),
    ...(patterns.length ? [statement('GithubActionsSubjectPatterns', 'StringLike', patterns)] : []),
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
      description: props.description ?? `GitHub Actions OIDC role for ${[...new Set(props.repositories)].join(', ')}`.slice(0, 1000),
      assumeRolePolicy: renderPolicy(githubTrustStatements(props.oidcProviderArn, this.subjects)),
      maxSessionDuration,
    });
  }
}

function oneOrMany(values: readonly string[]): string | string[] {
  const unique = [...new Set(values)].sort();
  return unique.length === 1 ? unique[0] : unique;
}
