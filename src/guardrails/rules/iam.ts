import { RESOURCELESS_ACTIONS } from '../../domain/iam/resourceless-actions';
import { GITHUB_OIDC_HOST as GITHUB_ISSUER } from '../../domain/github/trust-policy';
import { isAnyPrincipal, type PolicyUse, type Statement } from '../policy';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import type { SynthesizedPlatform } from '../synthesized';

/** The only actions that cannot be scoped to a resource ARN (IAM takes them only on "*"). */
const RESOURCE_STAR_ACTIONS = new Set(RESOURCELESS_ACTIONS.map((action) => action.toLowerCase()));

/** Condition keys that limit "any principal" to an organization, an account, or a calling resource. */
const SCOPING_KEYS = new Set([
  // AWS's pattern for a key that a service uses on behalf of the account's principals.
  'kms:calleraccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
]);

function describe(use: PolicyUse, statement: Statement, index: number): string {
  return `${use.attribute} statement ${statement.sid ? quote(statement.sid) : `#${index + 1}`}`;
}

function* allowStatements(context: RuleContext, kinds: readonly PolicyUse['kind'][]): Iterable<[PolicyUse, Statement, number]> {
  for (const use of context.policies) {
    if (!use.statements || !kinds.includes(use.kind)) continue;
    for (const [index, statement] of use.statements.entries()) {
      if (statement.effect === 'Allow') yield [use, statement, index];
    }
  }
}

export const resourceStar: Rule = {
  id: 'IAM-001',
  level: 'error',
  rationale: 'Permissions name the resources they apply to; "*" is only for actions that have no resource (ecr:GetAuthorizationToken, sts:GetCallerIdentity, the registry-wide ECR settings, kms:CreateKey: src/domain/iam/resourceless-actions.ts).',
  fix: 'Scope Resource to ARNs (arn:aws:ecr:<region>:<account>:repository/<name>), and move ecr:GetAuthorizationToken into a statement of its own.',
  *check(context: RuleContext): Iterable<Violation> {
    // KMS key policies are exempt: there "Resource": "*" means "this key". IAM-002 and IAM-003 still apply to them.
    for (const [use, statement, index] of allowStatements(context, ['identity', 'resource'])) {
      if (statement.notResources.length) {
        yield violation(use.element, `${describe(use, statement, index)} allows by NotResource, which grants every other resource.`);
        continue;
      }
      if (!statement.resources?.includes('*')) continue;
      const scopable = statement.notActions.length ? ['NotAction'] : statement.actions.filter((a) => !RESOURCE_STAR_ACTIONS.has(a.toLowerCase()));
      if (scopable.length) {
        yield violation(use.element, `${describe(use, statement, index)} allows ${scopable.join(', ')} on Resource "*".`);
      }
    }
  },
};

function ownAccountRoots(platform: SynthesizedPlatform, stack: string): Set<string> {
  const accounts = platform.stack(stack)?.accountIds ?? [];
  return new Set(accounts.flatMap((a) => [a, `arn:aws:iam::${a}:root`, `arn:aws-cn:iam::${a}:root`, `arn:aws-us-gov:iam::${a}:root`]));
}

export const wildcardActions: Rule = {
  id: 'IAM-002',
  level: 'error',
  rationale: 'Service-wide wildcards ("*", "ecr:*") grant actions nobody reviewed, including ones AWS adds later.',
  fix: 'List the actions the principal needs (e.g. ecr:BatchGetImage, ecr:GetDownloadUrlForLayer for pull).',
  *check(context: RuleContext): Iterable<Violation> {
    for (const [use, statement, index] of allowStatements(context, ['identity', 'resource', 'key', 'trust'])) {
      if (statement.notActions.length) {
        yield violation(use.element, `${describe(use, statement, index)} allows by NotAction, which grants every other action.`);
        continue;
      }
      let wildcards = statement.actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
      if (use.kind === 'key') {
        // AWS's default key policy: the key's own account may manage it through IAM. Without it the key can become unmanageable.
        const roots = ownAccountRoots(context.platform, use.element.stack);
        const principals = statement.principals === '*' ? ['*'] : Object.values(statement.principals ?? {}).flat();
        if (principals.length && principals.every((p) => roots.has(p))) wildcards = wildcards.filter((a) => a.toLowerCase() !== 'kms:*');
      }
      if (wildcards.length) yield violation(use.element, `${describe(use, statement, index)} allows ${wildcards.map((a) => quote(a)).join(', ')}.`);
    }
  },
};

export const anyPrincipal: Rule = {
  id: 'IAM-003',
  level: 'error',
  rationale: 'A policy that allows any principal ("*") must limit it by organization, account or source, or it is public.',
  fix: 'Name the principals, or add a condition on aws:PrincipalOrgID (or aws:SourceAccount / aws:SourceArn for services).',
  *check(context: RuleContext): Iterable<Violation> {
    // Deny statements with principal "*" (e.g. the state bucket's TLS-only statement) only take rights away.
    for (const [use, statement, index] of allowStatements(context, ['resource', 'key', 'trust'])) {
      if (!isAnyPrincipal(statement)) continue;
      const scoped = statement.conditions.some((c) => SCOPING_KEYS.has(c.key.toLowerCase()) && c.values.length && !c.values.includes('*'));
      if (!scoped) yield violation(use.element, `${describe(use, statement, index)} allows principal "*" without an aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn condition.`);
    }
  },
};


/** The OIDC issuer (host/path, no scheme) of a Federated principal, when it can be read at synth time. */
function issuerOf(platform: SynthesizedPlatform, stack: string, federated: string): string | undefined {
  const ref = platform.resolve(stack, federated);
  if (ref?.element.type === 'aws_iam_openid_connect_provider' && typeof ref.element.body.url === 'string') {
    return ref.element.body.url.replace(/^https:\/\//, '');
  }
  const match = /:oidc-provider\/(.+)$/.exec(federated);
  return match && !match[1].includes('${') ? match[1] : undefined;
}

interface TrustCheck {
  readonly problems: string[];
  readonly organizationWide: string[];
}

/** What is wrong with one sub value: a value must name one repository (GitHub) or one namespace (EKS). */
function subProblem(issuer: string | undefined, value: string): 'unscoped' | 'organization' | undefined {
  if (issuer === GITHUB_ISSUER || (!issuer && value.startsWith('repo:'))) {
    const match = /^repo:([^/:]+)\/([^:]+)(?::(.+))?$/.exec(value);
    if (!match || /[*?]/.test(match[1])) return 'unscoped';
    if (/^[*?]+$/.test(match[2])) return 'organization';
    return undefined;
  }
  if (issuer?.startsWith('oidc.eks.') || value.startsWith('system:serviceaccount:')) {
    const match = /^system:serviceaccount:([^:]+):(.+)$/.exec(value);
    return match && !/[*?]/.test(match[1]) ? undefined : 'unscoped';
  }
  return /^[*?]*$/.test(value) ? 'unscoped' : undefined;
}

function checkWebIdentity(platform: SynthesizedPlatform, use: PolicyUse, statement: Statement): TrustCheck {
  const problems: string[] = [];
  const organizationWide: string[] = [];
  const federated = statement.principals === '*' ? [] : (statement.principals?.Federated ?? []);
  for (const provider of federated) {
    const issuer = issuerOf(platform, use.element.stack, provider);
    const keyFor = (claim: string) => (key: string) => (issuer ? key.toLowerCase() === `${issuer}:${claim}`.toLowerCase() : key.toLowerCase().endsWith(`:${claim}`));
    const aud = statement.conditions.filter((c) => keyFor('aud')(c.key));
    const pinnedAud = aud.some((c) => /StringEquals$/.test(c.operator) && c.values.length && c.values.every((v) => !/[*?]/.test(v)));
    if (!pinnedAud) problems.push(`does not pin ${issuer ?? '<issuer>'}:aud with StringEquals`);
    const sub = statement.conditions.filter((c) => keyFor('sub')(c.key) && /String(Equals|Like)$/.test(c.operator));
    if (!sub.length) {
      problems.push(`has no ${issuer ?? '<issuer>'}:sub condition, so any identity of the issuer may assume the role`);
      continue;
    }
    for (const value of sub.flatMap((c) => c.values)) {
      const problem = subProblem(issuer, value);
      if (problem === 'unscoped') problems.push(`trusts sub ${quote(value)}, which is not scoped to one ${issuer?.startsWith('oidc.eks.') ? 'namespace' : 'organization and repository'}`);
      if (problem === 'organization') organizationWide.push(value);
    }
  }
  return { problems, organizationWide };
}

function* webIdentityStatements(context: RuleContext): Iterable<[PolicyUse, Statement, number]> {
  for (const [use, statement, index] of allowStatements(context, ['trust'])) {
    if (statement.actions.some((a) => a.toLowerCase() === 'sts:assumerolewithwebidentity') && statement.principals !== '*' && statement.principals?.Federated?.length) {
      yield [use, statement, index];
    }
  }
}

export const oidcTrust: Rule = {
  id: 'IAM-004',
  level: 'error',
  rationale: 'An OIDC trust without a pinned audience and a scoped subject lets any workflow (of any repository on GitHub) assume the role.',
  fix: 'Add StringEquals <issuer>:aud = sts.amazonaws.com and a <issuer>:sub condition naming repo:<org>/<repo>:<ref> (GitHub) or system:serviceaccount:<namespace>:<name> (EKS).',
  *check(context: RuleContext): Iterable<Violation> {
    for (const [use, statement, index] of webIdentityStatements(context)) {
      const { problems } = checkWebIdentity(context.platform, use, statement);
      if (problems.length) yield violation(use.element, `${describe(use, statement, index)} ${problems.join('; ')}.`);
    }
  },
};

export const organizationWideTrust: Rule = {
  id: 'IAM-005',
  level: 'warning',
  rationale: 'Trusting repo:<org>/* lets every repository of the organization, including new ones, assume the role.',
  fix: 'List the repositories in access.github.repositories instead of allowWholeOrganization, or suppress with the reason the whole organization is trusted.',
  *check(context: RuleContext): Iterable<Violation> {
    for (const [use, statement, index] of webIdentityStatements(context)) {
      const { organizationWide } = checkWebIdentity(context.platform, use, statement);
      if (organizationWide.length) yield violation(use.element, `${describe(use, statement, index)} trusts every repository of an organization: ${organizationWide.map((v) => quote(v)).join(', ')}.`);
    }
  },
};

/** The value of a use's attribute, `managed_policy_arns[1]` included. */
function attributeValue(use: PolicyUse): unknown {
  const indexed = /^([a-z_]+)\[(\d+)\]$/.exec(use.attribute);
  const value = indexed ? use.element.body[indexed[1]] : use.element.body[use.attribute];
  return indexed && Array.isArray(value) ? value[Number(indexed[2])] : value;
}

export const opaquePolicy: Rule = {
  id: 'IAM-006',
  level: 'warning',
  rationale: 'A policy computed at apply time cannot be checked at synth time; the rules above did not see it.',
  fix: 'Build the document with src/domain/iam/policy-document.ts (renderPolicy) or an aws_iam_policy_document data source with literal statements.',
  *check(context: RuleContext): Iterable<Violation> {
    for (const use of context.policies) {
      if (!use.statements) yield violation(use.element, `${use.attribute} cannot be read at synth time (${quote(String(attributeValue(use) ?? 'inline_policy').slice(0, 80))}).`);
    }
  },
};

/** Condition keys that tie a service's request to the account (or resource) it acts for. */
const SOURCE_KEYS = new Set(['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid']);

export const serviceTrustSourceAccount: Rule = {
  id: 'IAM-007',
  level: 'error',
  rationale:
    'A service principal acts for every AWS customer: without aws:SourceAccount (or aws:SourceArn) in the trust policy, the service may assume the role on behalf of another account (the confused deputy).',
  fix: 'Add Condition StringEquals aws:SourceAccount = <the role\'s account> (or aws:SourceArn naming the resource) to the trust statement.',
  *check(context: RuleContext): Iterable<Violation> {
    for (const [use, statement, index] of allowStatements(context, ['trust'])) {
      const services = statement.principals === '*' ? [] : (statement.principals?.Service ?? []);
      if (!services.length) continue;
      const pinned = statement.conditions.some((c) => SOURCE_KEYS.has(c.key.toLowerCase()) && c.values.length && !c.values.some((v) => /[*?]/.test(v)));
      if (!pinned) {
        yield violation(use.element, `${describe(use, statement, index)} trusts service ${services.map((s) => quote(s)).join(', ')} without an aws:SourceAccount or aws:SourceArn condition.`);
      }
    }
  },
};

export const iamRules: Rule[] = [resourceStar, wildcardActions, anyPrincipal, oidcTrust, organizationWideTrust, opaquePolicy, serviceTrustSourceAccount];
