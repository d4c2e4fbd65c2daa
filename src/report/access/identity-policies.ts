/** The identity policies attached to roles (inline, customer managed, AWS managed), as statements per principal. */
import { awsManagedPolicyName, ECR_MANAGED_POLICIES } from '../../domain/iam/ecr-managed-policies';
import { readPolicy, type Statement } from '../../guardrails/policy';
import { blocks, type SynthesizedPlatform, type TfElement } from '../../guardrails/synthesized';
import { literal } from './model';
import type { Principals } from './principals';
import type { PlatformRoles } from './roles';

export interface PlacedStatement {
  readonly statement: Statement;
  /** The stack whose references the statement's values use. */
  readonly stack: string;
}

/** Statements by principal id; each role a policy is attached to becomes a principal granted to directly. */
export function identityStatements(platform: SynthesizedPlatform, roles: PlatformRoles, principals: Principals): Map<string, PlacedStatement[]> {
  const identity = new Map<string, PlacedStatement[]>();
  const grant = (stack: string, roleName: string | undefined, statements: Statement[] | undefined) => {
    if (!roleName || !statements) return;
    principals.grant(`role:${roleName}`, roleName, principals.roleKind(roleName, 'Role'), roles.existingRole(roleName));
    const list = identity.get(`role:${roleName}`) ?? [];
    statements.forEach((statement) => list.push({ statement, stack }));
    identity.set(`role:${roleName}`, list);
  };
  const policyStatements = policyReader(platform);
  for (const role of platform.ofType('aws_iam_role')) {
    const name = roles.nameOfRole(role);
    blocks(role.body.inline_policy).forEach((inline) => grant(role.stack, name, readPolicy(platform, role.stack, inline.policy)));
    (role.body.managed_policy_arns ?? []).forEach((arn: unknown) => grant(role.stack, name, policyStatements(role.stack, arn)));
  }
  for (const attachment of platform.ofType('aws_iam_role_policy_attachment')) {
    grant(attachment.stack, roles.nameOf(attachment.stack, attachment.body.role), policyStatements(attachment.stack, attachment.body.policy_arn));
  }
  for (const attachment of platform.ofType('aws_iam_policy_attachment')) {
    for (const role of attachment.body.roles ?? []) grant(attachment.stack, roles.nameOf(attachment.stack, role), policyStatements(attachment.stack, attachment.body.policy_arn));
  }
  for (const inline of platform.ofType('aws_iam_role_policy')) {
    grant(inline.stack, roles.nameOf(inline.stack, inline.body.role), readPolicy(platform, inline.stack, inline.body.policy));
  }
  return identity;
}

/** A policy ARN's statements: an aws_iam_policy of these stacks (by reference or name), or an AWS managed policy. */
function policyReader(platform: SynthesizedPlatform): (stack: string, arn: unknown) => Statement[] | undefined {
  const policiesByName = new Map<string, TfElement>();
  platform.ofType('aws_iam_policy').forEach((p) => {
    const name = literal(p.body.name);
    if (name) policiesByName.set(name, p);
  });
  return (stack, arn) => {
    const ref = platform.resolve(stack, arn);
    if (ref?.element.type === 'aws_iam_policy') return readPolicy(platform, ref.element.stack, ref.element.body.policy);
    const text = literal(arn);
    if (!text) return undefined;
    const managed = awsManagedPolicyName(text);
    if (managed) {
      const actions = ECR_MANAGED_POLICIES[managed];
      return actions ? [{ effect: 'Allow', actions: [...actions], notActions: [], resources: ['*'], notResources: [], conditions: [] }] : undefined;
    }
    const customer = policiesByName.get(text.split('/').pop() ?? '');
    return customer ? readPolicy(platform, customer.stack, customer.body.policy) : undefined;
  };
}
