/**
 * IAM's quotas and name rules on what the stacks create, at any number of repositories and
 * GitHub repositories (src/domain/iam/quotas.ts, with the source): managed policies per role
 * or user, trust policy length, role and policy names (lengths, unique regardless of case).
 * A policy's own size needs no check here: EcrAccessPolicy splits a grant into policies
 * within 6,144 characters, and the policies it takes count against the role's attachments.
 */
import type { PlatformConfig } from '../schema';
import { show, type Problem } from '../../domain/problem';
import { partition } from '../../domain/aws/arn';
import { ecrPolicyChunks } from '../../domain/ecr/iam-actions';
import { renderPolicy } from '../../domain/iam/policy-document';
import { splitPolicyName } from '../../domain/iam/policy-split';
import { count, IAM_QUOTAS, iamNameProblems, iamQuotaSettings, policyLength } from '../../domain/iam/quotas';
import { buildGithubSubjects, checkGithubSubjectSpec } from '../../domain/github/subjects';
import { githubOidcProviderArn, githubRoleTrustStatements } from '../../domain/github/trust-policy';
import { resolveCacheRules, templateNeedsRole, templateRoleName } from '../../domain/pull-through-cache/upstreams';
import { principalName, resolveAccessGrants, type EcrGrant } from '../resolve/access-grants';
import { ciRoleSubjectSpec } from '../resolve/access';

const ACCESS_NAMES = { push: 'push', pull: 'pull-only', read: 'read' } as const;

export function checkIam(config: PlatformConfig): Problem[] {
  return [...checkPoliciesPerHolder(config), ...checkTrustPolicies(config), ...checkNames(config)];
}

/** How many policies a grant takes (none when its references do not resolve: checks/access.ts reports those). */
function policyCount(grant: EcrGrant): number {
  return grant.problems.length || !grant.arns.length ? 0 : ecrPolicyChunks(grant.access, grant.arns, grant.compactArns).length;
}

/** Managed policies per role (and per user): IAM refuses the attachment past the quota. */
function checkPoliciesPerHolder(config: PlatformConfig): Problem[] {
  const limit = iamQuotaSettings(config.aws.iamQuotas).managedPoliciesPerRole;
  const grants = resolveAccessGrants(config);
  const problems: Problem[] = [];
  const report = (path: string, kind: 'role' | 'user', name: string, holderGrants: readonly EcrGrant[], existing: boolean) => {
    const unique = [...new Map(holderGrants.map((g) => [g.id, g])).values()];
    const counts = unique.map((g) => [g, policyCount(g)] as const);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    if (total <= limit) return;
    const parts = counts.map(([g, n]) => `${n} ${ACCESS_NAMES[g.access]} (${g.arns.length} repositor${g.arns.length === 1 ? 'y' : 'ies'})`).join(', ');
    problems.push({
      path,
      message:
        `must need at most ${limit} managed policies for ${kind} ${show(name)} (aws.iamQuotas.managedPoliciesPerRole; IAM attaches no more), got ${total}: ${parts}, ` +
        `each policy at most ${count(IAM_QUOTAS.managedPolicyLength)} characters${existing ? ', besides the policies the ' + kind + ' has already' : ''}. ` +
        'Name the repositories under shared prefixes (team-a/<name>: a whole prefix is granted as team-a/*), grant prefix patterns such as team-a/*, ' +
        `or have Service Quotas raise the quota (up to ${IAM_QUOTAS.managedPoliciesPerRole.max}) and declare it`,
    });
  };
  config.access.github.ciRoles.forEach((role, i) => {
    const grant = grants.push[role.name];
    if (grant) report(`access.github.ciRoles[${i}].pushTo`, 'role', role.name, [grant], false);
  });
  if (grants.imageUpdater) report('access.imageUpdater.repositories', 'role', grants.imageUpdater.name, grants.imageUpdater.grants, false);
  // Several grants may attach to one principal: their policies add up.
  const byPrincipal = new Map<string, { path: string; kind: 'role' | 'user'; name: string; grants: EcrGrant[] }>();
  config.access.pullPrincipals.forEach((entry, i) => {
    const holder = grants.pullPrincipals[entry.name];
    if (!holder) return;
    const key = `${holder.kind}:${holder.name.toLowerCase()}`;
    const seen = byPrincipal.get(key) ?? { path: `access.pullPrincipals[${i}].repositories`, kind: holder.kind, name: holder.name, grants: [] };
    seen.grants.push(...holder.grants);
    byPrincipal.set(key, seen);
  });
  for (const holder of byPrincipal.values()) report(holder.path, holder.kind, holder.name, holder.grants, true);
  return problems;
}

/** A CI role's trust policy: every subject is written out, so many repositories and refs outgrow 2,048 characters. */
function checkTrustPolicies(config: PlatformConfig): Problem[] {
  const limit = iamQuotaSettings(config.aws.iamQuotas).roleTrustPolicyLength;
  const { github } = config.access;
  const providerArn = github.existingOidcProviderArn ?? githubOidcProviderArn(partition(config.aws.region), config.aws.accountId);
  const problems: Problem[] = [];
  github.ciRoles.forEach((role, i) => {
    const spec = ciRoleSubjectSpec(config, role);
    if (checkGithubSubjectSpec(spec, github.repositories).length) return; // checks/access.ts reports those
    const measure = (repositories: readonly string[]) => policyLength(renderPolicy(githubRoleTrustStatements(providerArn, { ...spec, repositories })));
    const subjects = buildGithubSubjects(spec);
    const length = measure(spec.repositories);
    if (length <= limit) return;
    const sources = spec.allowWholeOrganization ? new Set(spec.repositories.map((r) => r.split('/')[0])).size : spec.repositories.length;
    const perSource = Math.max(1, Math.round(subjects.length / sources));
    // How many of its repositories (in the order written) one role could trust with these refs.
    let fits = 0;
    while (fits < spec.repositories.length && measure(spec.repositories.slice(0, fits + 1)) <= limit) fits++;
    problems.push({
      path: `access.github.ciRoles[${i}]`,
      message:
        `must have a trust policy of at most ${count(limit)} characters (white space not counted; aws.iamQuotas.roleTrustPolicyLength), ` +
        `got ${count(length)} for ${subjects.length} subjects (${sources} ${spec.allowWholeOrganization ? 'organizations' : 'repositories'} × ${perSource} refs). ` +
        `Split the role into several ciRoles entries with their own repositories (${fits ? `the first ${fits} of its repositories fit in one role` : 'not even one repository fits with these refs'}), trust fewer refs (patterns such as release/*), ` +
        `or have Service Quotas raise the quota (up to ${count(IAM_QUOTAS.roleTrustPolicyLength.max)}) and declare it`,
    });
  });
  return problems;
}

interface Named {
  readonly name: string;
  readonly path: string;
  /** Created by a stack (IAM refuses a second one), or an existing one the configuration refers to. */
  readonly created: boolean;
}

/** Lengths and uniqueness regardless of case, as IAM's CreateRole and CreatePolicy enforce them. */
function checkNames(config: PlatformConfig): Problem[] {
  const { github, imageUpdater, pullPrincipals } = config.access;
  const roles: Named[] = [
    ...github.ciRoles.map((role, i) => ({ name: role.name, path: `access.github.ciRoles[${i}].name`, created: true })),
    ...(imageUpdater ? [{ name: imageUpdater.roleName, path: 'access.imageUpdater.roleName', created: true }] : []),
    ...(config.access.deployRole ? [{ name: config.access.deployRole.name, path: 'access.deployRole.name', created: true }] : []),
    ...config.pullThroughCache.nodeRoleNames.map((name, i) => ({ name, path: `pullThroughCache.nodeRoleNames[${i}]`, created: false })),
    ...pullPrincipals.flatMap((entry, i) => {
      const principal = principalName(entry.principal);
      return principal?.kind === 'role' ? [{ name: principal.name, path: `access.pullPrincipals[${i}].principal`, created: false }] : [];
    }),
  ];
  if (resolveCacheRules(config.pullThroughCache).some((rule) => templateNeedsRole(rule.template))) {
    roles.push({ name: templateRoleName(config.project, config.aws.region), path: 'project', created: true });
  }
  const grants = resolveAccessGrants(config);
  const allGrants = [...(grants.shared ?? []), ...Object.values(grants.push), ...(grants.imageUpdater?.grants ?? []), ...Object.values(grants.pullPrincipals).flatMap((h) => h.grants)];
  const policies: Named[] = [...new Map(allGrants.map((g) => [g.id, g])).values()].flatMap((grant) => {
    const n = Math.max(1, policyCount(grant));
    return Array.from({ length: n }, (_, i) => ({ name: splitPolicyName(grant.policyName, i), path: grant.namePath, created: true }));
  });
  // The deploy role's one policy (src/stacks/access-stack.ts names it <role>-deploy).
  if (config.access.deployRole) policies.push({ name: `${config.access.deployRole.name}-deploy`, path: 'access.deployRole.name', created: true });

  const problems: Problem[] = [];
  for (const role of roles.filter((r) => r.created)) {
    problems.push(...iamNameProblems('role', role.name).map((message) => ({ path: role.path, message: `${message} (the name of a role this platform creates)` })));
  }
  for (const policy of policies) {
    problems.push(...iamNameProblems('policy', policy.name).map((message) => ({ path: policy.path, message: `${message} (the name of a managed policy this platform creates)` })));
  }
  problems.push(...caseProblems('role', roles), ...caseProblems('managed policy', policies));
  return problems;
}

/**
 * Two names that IAM takes for one: differing only in case, or the same name created twice
 * or created where one exists. Exact duplicates of created access roles are reported by
 * checks/access.ts already.
 */
function caseProblems(kind: string, names: readonly Named[]): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, Named>();
  for (const entry of names) {
    const key = entry.name.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, entry);
      continue;
    }
    if (earlier.name !== entry.name) {
      problems.push({
        path: entry.path,
        message: `must not differ from ${kind} name ${show(earlier.name)} (${earlier.path}) only in case: IAM names are unique regardless of case, got ${show(entry.name)}`,
      });
    } else if (kind === 'managed policy' || ((entry.created || earlier.created) && !(entry.path.startsWith('access.') && earlier.path.startsWith('access.') && entry.created && earlier.created))) {
      problems.push({
        path: entry.path,
        message: `must not be the name of the ${kind} of ${earlier.path} as well: IAM refuses to create a ${kind} whose name exists, got ${show(entry.name)}`,
      });
    }
  }
  return problems;
}
