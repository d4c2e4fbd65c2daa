/**
 * CI roles as the synthesized JSON grants them: who may assume a role (its GitHub trust) against
 * what the role may write (its identity policies).
 */
import { partition } from '../../domain/aws/arn';
import { GITHUB_OIDC_HOST as GITHUB_ISSUER, untrustedSubject } from '../../domain/github/trust-policy';
import { allowsAction, readPolicy, wildcardMatch, type Statement } from '../policy';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { blocks, parseReference, type SynthesizedPlatform, type TfElement } from '../synthesized';
import { repositoriesUsedByProduction, repositoryName } from './repositories';


/** The GitHub `sub` values a role's trust policy admits. */
function githubSubjects(platform: SynthesizedPlatform, role: TfElement): string[] {
  const statements = readPolicy(platform, role.stack, role.body.assume_role_policy) ?? [];
  return statements
    .filter((s) => s.effect === 'Allow' && s.principals !== '*' && s.principals?.Federated?.length)
    .flatMap((s) => s.conditions.filter((c) => c.key.toLowerCase() === `${GITHUB_ISSUER}:sub` && /String(Equals|Like)$/.test(c.operator)).flatMap((c) => c.values));
}

/** True when a role reference (`${aws_iam_role.x.name}`, `.id`, or the literal name) is this role. */
function refersTo(platform: SynthesizedPlatform, stack: string, value: unknown, role: TfElement): boolean {
  if (parseReference(value)) return platform.resolve(stack, value)?.element === role;
  return typeof value === 'string' && stack === role.stack && value === role.body.name;
}

/** The identity statements a role has: attached customer policies, role policies, inline and managed_policy_arns. */
function identityStatements(platform: SynthesizedPlatform, role: TfElement): { statement: Statement; stack: string }[] {
  const out: { statement: Statement; stack: string }[] = [];
  const add = (stack: string, document: unknown) => (readPolicy(platform, stack, document) ?? []).forEach((statement) => out.push({ statement, stack }));
  const attachedPolicy = (stack: string, arn: unknown) => {
    const ref = platform.resolve(stack, arn);
    if (ref?.element.type === 'aws_iam_policy') add(ref.element.stack, ref.element.body.policy);
  };
  for (const attachment of platform.ofType('aws_iam_role_policy_attachment')) {
    if (refersTo(platform, attachment.stack, attachment.body.role, role)) attachedPolicy(attachment.stack, attachment.body.policy_arn);
  }
  for (const policy of platform.ofType('aws_iam_role_policy')) {
    if (refersTo(platform, policy.stack, policy.body.role, role)) add(policy.stack, policy.body.policy);
  }
  blocks(role.body.inline_policy).forEach((inline) => add(role.stack, inline.policy));
  for (const arn of Array.isArray(role.body.managed_policy_arns) ? role.body.managed_policy_arns : []) attachedPolicy(role.stack, arn);
  return out;
}

/** Repositories production runs, with their ARN as IAM matches it. */
function productionRepositories(platform: SynthesizedPlatform): { element: TfElement; name: string; arn: string }[] {
  return [...repositoriesUsedByProduction(platform).keys()].map((element) => {
    const facts = platform.stack(element.stack);
    const region = facts?.region ?? 'unknown';
    const name = repositoryName(element);
    return { element, name, arn: `arn:${partition(region)}:ecr:${region}:${facts?.accountIds[0] ?? 'unknown'}:repository/${name}` };
  });
}

export const productionPushFromTrustedRefs: Rule = {
  id: 'CI-001',
  level: 'error',
  rationale:
    'A role that can push to a repository production runs decides what production runs next: pull_request subjects and branch, tag or environment patterns hand it to code nobody reviewed.',
  fix: 'Trust exact branches, tags or (protected) environments only, or keep the role off production repositories; a deliberate exception is allowUntrustedRefs with a reason on the CI role.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const production = productionRepositories(platform);
    if (!production.length) return;
    for (const role of platform.ofType('aws_iam_role')) {
      const untrusted = githubSubjects(platform, role).flatMap((sub) => {
        const why = untrustedSubject(sub);
        return why ? [`${quote(sub)} (${why})`] : [];
      });
      if (!untrusted.length) continue;
      const pushing = identityStatements(platform, role).filter(({ statement }) => statement.effect === 'Allow' && allowsAction(statement, 'ecr:PutImage'));
      const reached = production.filter((repo) =>
        pushing.some(({ statement, stack }) =>
          (statement.resources ?? []).some((resource) => platform.resolve(stack, resource)?.element === repo.element || wildcardMatch(resource, repo.arn, false)),
        ),
      );
      if (!reached.length) continue;
      yield violation(
        role,
        `role ${quote(role.body.name)} can push to ${reached.map((r) => quote(r.name)).join(', ')}, which production runs, and trusts ${untrusted.join(', ')}.`,
      );
    }
  },
};

export const ciRules: Rule[] = [productionPushFromTrustedRefs];
