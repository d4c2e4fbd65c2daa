/**
 * IAM's quotas and name rules that the synthesized stacks must stay within.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * ("IAM name requirements", "IAM object quotas", "IAM and AWS STS character limits"):
 * - managed policy length: 6,144 characters, not adjustable;
 * - role trust policy length: 2,048 characters by default, 4,096 at most on request;
 * - inline policies of one role, together: 10,240 characters;
 * - managed policies attached to one role (and to one user): 10 by default, 20 at most on request;
 * - role and user names: 64 characters; policy names: 128 characters;
 * - "IAM doesn't count white space when calculating the size of a policy against these quotas";
 * - names of users, groups, roles and instance profiles are unique in the account regardless of case
 *   (and so are managed policy names).
 */
import { show } from '../problem';

export const IAM_QUOTAS = {
  managedPolicyLength: 6144,
  rolePoliciesLength: 10240,
  roleTrustPolicyLength: { default: 2048, max: 4096 },
  managedPoliciesPerRole: { default: 10, max: 20 },
  roleNameLength: 64,
  userNameLength: 64,
  policyNameLength: 128,
} as const;

/** The quotas a configuration declares raised, with AWS's defaults for the rest. */
export interface IamQuotaSettings {
  readonly managedPoliciesPerRole: number;
  readonly roleTrustPolicyLength: number;
}

export function iamQuotaSettings(declared: Partial<IamQuotaSettings> | undefined): IamQuotaSettings {
  return {
    managedPoliciesPerRole: declared?.managedPoliciesPerRole ?? IAM_QUOTAS.managedPoliciesPerRole.default,
    roleTrustPolicyLength: declared?.roleTrustPolicyLength ?? IAM_QUOTAS.roleTrustPolicyLength.default,
  };
}

/** A policy's length as IAM measures it: characters, white space not counted. */
export function policyLength(document: string): number {
  return document.replace(/\s+/g, '').length;
}

/** `6,144` */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

const IAM_NAME = /^[\w+=,.@-]+$/;

/** Problems with a role or policy name (what IAM's CreateRole / CreatePolicy refuse); [] when IAM accepts it. */
export function iamNameProblems(kind: 'role' | 'policy' | 'user', name: string): string[] {
  const max = kind === 'policy' ? IAM_QUOTAS.policyNameLength : kind === 'role' ? IAM_QUOTAS.roleNameLength : IAM_QUOTAS.userNameLength;
  const problems: string[] = [];
  if (name.length < 1 || name.length > max) problems.push(`must be an IAM ${kind} name of 1 to ${max} characters, got ${show(name)} (${name.length})`);
  if (!IAM_NAME.test(name)) problems.push(`must be an IAM ${kind} name of letters, digits and +=,.@_-, got ${show(name)}`);
  return problems;
}
