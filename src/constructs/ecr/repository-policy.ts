import { Construct } from 'constructs';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { accountRootArn, partition } from '../../domain/aws/arn';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';

import { ECR_PULL_ACTIONS, ECR_PUSH_ONLY_ACTIONS, LAMBDA_PULL_ACTIONS } from '../../domain/ecr/iam-actions';

/** Who may use a repository besides the principals of its own account that IAM already allows. */
export interface RepositoryAccess {
  /** Roles or users (ARN) or accounts (12-digit ID) that may pull. @default none */
  readonly pullPrincipals?: readonly string[];
  /** Roles or users (ARN) or accounts (12-digit ID) that may push (and pull). @default none */
  readonly pushPrincipals?: readonly string[];
  /** Accounts whose Lambda functions (container images) may pull. @default none */
  readonly lambdaAccounts?: readonly string[];
  /** AWS Organizations (o-...) whose principals may pull, by aws:PrincipalOrgID. @default none */
  readonly organizationIds?: readonly string[];
}

export function grantsAnything(access: RepositoryAccess | undefined): boolean {
  return Boolean(access && [access.pullPrincipals, access.pushPrincipals, access.lambdaAccounts, access.organizationIds].some((list) => list?.length));
}

/** `123456789012` becomes the account's root ARN (as ECR stores it, so plans show no diff); ARNs stay. */
export function principalArn(principal: string, region: string): string {
  return /^\d{12}$/.test(principal) ? accountRootArn(principal, region) : principal;
}

/**
 * The repository policy's statements; empty when nothing is granted. Repository
 * policies apply to their own repository, so statements name no Resource.
 */
export function repositoryPolicyStatements(access: RepositoryAccess, region: string): PolicyStatement[] {
  const arns = (principals: readonly string[] | undefined) => [...new Set((principals ?? []).map((p) => principalArn(p, region)))].sort();
  const pushers = arns(access.pushPrincipals);
  const pullers = [...new Set([...arns(access.pullPrincipals), ...pushers])].sort();
  const lambdaAccounts = [...new Set(access.lambdaAccounts ?? [])].sort();
  const organizations = [...new Set(access.organizationIds ?? [])].sort();
  const statements: PolicyStatement[] = [];
  if (pullers.length) statements.push({ Sid: 'AllowPull', Effect: 'Allow', Principal: { AWS: pullers }, Action: [...ECR_PULL_ACTIONS] });
  if (pushers.length) statements.push({ Sid: 'AllowPush', Effect: 'Allow', Principal: { AWS: pushers }, Action: [...ECR_PUSH_ONLY_ACTIONS] });
  if (lambdaAccounts.length) {
    // AWS's recipe for container-image Lambdas: the function's account may read the image,
    // and the Lambda service may too, for functions of those accounts in this region only.
    statements.push({ Sid: 'AllowLambdaAccountsPull', Effect: 'Allow', Principal: { AWS: arns(lambdaAccounts) }, Action: [...LAMBDA_PULL_ACTIONS] });
    statements.push({
      Sid: 'AllowLambdaServicePull',
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: [...LAMBDA_PULL_ACTIONS],
      Condition: { StringLike: { 'aws:sourceArn': oneOrMany(lambdaAccounts.map((account) => `arn:${partition(region)}:lambda:${region}:${account}:function:*`)) } },
    });
  }
  if (organizations.length) {
    // "*" is narrowed by the condition to principals of the named organizations.
    statements.push({
      Sid: 'AllowOrganizationPull',
      Effect: 'Allow',
      Principal: '*',
      Action: [...ECR_PULL_ACTIONS],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': oneOrMany(organizations) } },
    });
  }
  return statements;
}

/** A single condition value stays a string, as IAM returns it. */
function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

export interface RepositoryPolicyProps extends RepositoryAccess {
  /** The repository's name (or a reference to it, so Terraform creates the repository first). */
  readonly repository: string;
  /** The repository's region: it picks the partition of account ARNs and scopes Lambda's grant. */
  readonly region: string;
}

/** A repository policy granting pull, push, Lambda and organization access. Create it only when something is granted. */
export class RepositoryPolicy extends Construct {
  readonly resource: EcrRepositoryPolicy;
  readonly statements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: RepositoryPolicyProps) {
    super(scope, id);
    this.statements = repositoryPolicyStatements(props, props.region);
    this.node.addValidation({
      validate: () => (this.statements.length ? [] : ["'pullPrincipals', 'pushPrincipals', 'lambdaAccounts' or 'organizationIds' must grant something, got none"]),
    });
    this.resource = new EcrRepositoryPolicy(this, 'policy', { repository: props.repository, policy: renderPolicy(this.statements) });
  }
}
