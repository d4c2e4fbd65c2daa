/**
 * The resource policies that apply to each target (repository policies, the creation templates'
 * policies for cache prefixes, registry policies) and the principals their statements name.
 */
import { isAnyPrincipal, readPolicy, type Statement } from '../../guardrails/policy';
import type { SynthesizedPlatform } from '../../guardrails/synthesized';
import { literal } from './model';
import type { PlacedStatement } from './identity-policies';
import type { AddPrincipal, Principals } from './principals';
import type { PlatformRoles } from './roles';
import type { Target, Targets } from './targets';

export interface ResourceStatement extends PlacedStatement {
  readonly targets: readonly Target[];
}

/** Who a resource statement names: principal ids, or everyone (a Deny for principal "*"). */
export type NamedPrincipals = ReadonlyMap<Statement, ReadonlySet<string> | 'everyone'>;

export function resourceStatements(platform: SynthesizedPlatform, targets: Targets): ResourceStatement[] {
  const statements: ResourceStatement[] = [];
  for (const policy of platform.ofType('aws_ecr_repository_policy')) {
    const target = targets.byRepository.get(platform.resolve(policy.stack, policy.body.repository)?.element ?? policy.body.repository);
    if (target) (readPolicy(platform, policy.stack, policy.body.policy) ?? []).forEach((statement) => statements.push({ statement, stack: policy.stack, targets: [target] }));
  }
  for (const template of platform.ofType('aws_ecr_repository_creation_template')) {
    const ref = platform.resolve(template.stack, template.body.prefix);
    const prefix = literal(ref ? ref.element.body[ref.attribute] : template.body.prefix);
    const applies = prefix === 'ROOT' ? [...targets.byCachePrefix.values()] : prefix && targets.byCachePrefix.has(prefix) ? [targets.byCachePrefix.get(prefix)!] : [];
    if (applies.length && template.body.repository_policy) {
      (readPolicy(platform, template.stack, template.body.repository_policy) ?? []).forEach((statement) => statements.push({ statement, stack: template.stack, targets: applies }));
    }
  }
  for (const policy of platform.ofType('aws_ecr_registry_policy')) {
    // Registry policy statements name repositories in their Resource element; they apply wherever it matches.
    (readPolicy(platform, policy.stack, policy.body.policy) ?? []).forEach((statement) => statements.push({ statement, stack: policy.stack, targets: targets.all }));
  }
  return statements;
}

/** Allow statements add the principals they name to the report; Deny statements only restrict them. */
export function namedPrincipals(platform: SynthesizedPlatform, statements: readonly ResourceStatement[], roles: PlatformRoles, principals: Principals): NamedPrincipals {
  const named = new Map<Statement, ReadonlySet<string> | 'everyone'>();
  for (const { statement, stack } of statements.filter((r) => r.statement.effect === 'Allow')) {
    named.set(statement, new Set(principalsOf(platform, stack, statement, roles, principals.add, principals.roleKind)));
  }
  const lookOnly: AddPrincipal = (id) => id;
  for (const { statement, stack } of statements.filter((r) => r.statement.effect === 'Deny')) {
    named.set(statement, isAnyPrincipal(statement) ? 'everyone' : new Set(principalsOf(platform, stack, statement, roles, lookOnly, principals.roleKind)));
  }
  return named;
}

/** The report principals a statement of a resource policy names. */
function principalsOf(
  platform: SynthesizedPlatform,
  stack: string,
  statement: Statement,
  roles: PlatformRoles,
  addPrincipal: AddPrincipal,
  roleKind: Principals['roleKind'],
): string[] {
  const principals = statement.principals === '*' ? { AWS: ['*'] } : (statement.principals ?? {});
  const conditionValues = (key: string) => statement.conditions.filter((c) => c.key.toLowerCase() === key).flatMap((c) => c.values);
  const ownAccounts = new Set(platform.stack(stack)?.accountIds ?? []);
  const ids: string[] = [];
  for (const aws of principals.AWS ?? []) {
    if (aws === '*') {
      const orgs = conditionValues('aws:principalorgid');
      orgs.forEach((org) => ids.push(addPrincipal(`org:${org}`, org, 'Organization', ['any principal of the organization (aws:PrincipalOrgID)'])));
      conditionValues('aws:principalaccount').forEach((account) => ids.push(addPrincipal(`account:${account}`, account, 'Account')));
      if (!orgs.length && !conditionValues('aws:principalaccount').length) ids.push(addPrincipal('any', '*', 'Account', ['anyone (principal "*")']));
      continue;
    }
    const account = /^(\d{12})$/.exec(aws)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/.exec(aws)?.[1];
    if (account) {
      ids.push(addPrincipal(`account:${account}`, account, 'Account', ownAccounts.has(account) ? ['this account: its IAM policies decide'] : ['another account: its IAM policies must also allow it']));
      continue;
    }
    const roleName = roles.nameOf(stack, aws);
    const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(aws)?.[1];
    if (roleName && (!roleAccount || ownAccounts.has(roleAccount))) ids.push(addPrincipal(`role:${roleName}`, roleName, roleKind(roleName, 'Role'), roles.existingRole(roleName)));
    else ids.push(addPrincipal(`role-arn:${aws}`, aws, 'Role', ['another account: its IAM policies must also allow it']));
  }
  for (const service of principals.Service ?? []) {
    const sources = [...conditionValues('aws:sourceaccount'), ...conditionValues('aws:sourcearn')];
    ids.push(addPrincipal(`service:${service}`, service, 'Service', sources.map((s) => `source: ${s}`)));
  }
  return ids;
}
