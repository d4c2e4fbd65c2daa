/**
 * Who can pull and push what, read from the synthesized stacks: every role the
 * platform creates or grants to, every account, organization and service that a
 * repository or registry policy names, against every repository and cache prefix.
 */
import { partition } from '../domain/aws/arn';
import { allowsAction, isAnyPrincipal, readPolicy, wildcardMatch, type Statement } from '../guardrails/policy';
import { blocks, parseReference, type SynthesizedPlatform, type TfElement } from '../guardrails/synthesized';

export type PrincipalKind = 'CI role' | 'Image Updater' | 'Node role' | 'Workload role' | 'Role' | 'Account' | 'Organization' | 'Service';

export interface ReportPrincipal {
  /** Stable key: `role:<name>`, `role-arn:<arn>`, `account:<id>`, `org:<id>`, `service:<name>`. */
  readonly id: string;
  readonly name: string;
  readonly kind: PrincipalKind;
  /** Who may act as the principal: GitHub subjects, service accounts, trusted principals, conditions. */
  readonly details: readonly string[];
}

export interface ReportTarget {
  readonly kind: 'repository' | 'cache prefix';
  readonly name: string;
  /** The upstream registry of a cache prefix. */
  readonly upstream?: string;
}

export interface Access {
  readonly pull: boolean;
  readonly push: boolean;
  /** Cache prefixes only: may fetch an image from upstream that is not cached yet. */
  readonly import?: boolean;
}

export interface AccessModel {
  readonly principals: readonly ReportPrincipal[];
  readonly targets: readonly ReportTarget[];
  /** access[principalId][targetName]; absent when the principal has no access. */
  readonly access: Readonly<Record<string, Readonly<Record<string, Access>>>>;
}

export interface AccessLabels {
  /** Role names to show as a given kind, from the configuration (e.g. the Image Updater's, the node roles). */
  readonly roleKinds?: Readonly<Record<string, PrincipalKind>>;
}

/** AWS managed policies the platform attaches, by name: their ECR actions (all on Resource "*"). */
const MANAGED_POLICIES: Record<string, string[]> = {
  AmazonEC2ContainerRegistryPullOnly: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'],
  AmazonEC2ContainerRegistryReadOnly: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:GetRepositoryPolicy',
    'ecr:DescribeRepositories',
    'ecr:ListImages',
    'ecr:DescribeImages',
    'ecr:BatchGetImage',
    'ecr:GetLifecyclePolicy',
    'ecr:GetLifecyclePolicyPreview',
    'ecr:ListTagsForResource',
    'ecr:DescribeImageScanFindings',
  ],
  AmazonEC2ContainerRegistryPowerUser: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'ecr:InitiateLayerUpload',
    'ecr:UploadLayerPart',
    'ecr:CompleteLayerUpload',
    'ecr:PutImage',
    'ecr:DescribeRepositories',
    'ecr:ListImages',
    'ecr:DescribeImages',
  ],
  AmazonEC2ContainerRegistryFullAccess: ['ecr:*'],
};

const KIND_ORDER: PrincipalKind[] = ['CI role', 'Image Updater', 'Node role', 'Workload role', 'Role', 'Account', 'Organization', 'Service'];
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

interface Target extends ReportTarget {
  /** ARN a policy's Resource must match (a sample repository under a cache prefix). */
  readonly arn: string;
}

function repositoryArn(platform: SynthesizedPlatform, element: TfElement, name: string): string {
  const facts = platform.stack(element.stack);
  const region = facts?.region ?? 'unknown';
  return `arn:${partition(region)}:ecr:${region}:${facts?.accountIds[0] ?? 'unknown'}:repository/${name}`;
}

/** Resource patterns with references to repositories replaced by their ARN. */
function resolveResources(platform: SynthesizedPlatform, stack: string, values: readonly string[]): string[] {
  return values.map((value) =>
    value.replace(/\$\{(aws_ecr_repository\.[^.}]+)\.arn\}/g, (whole, address: string) => {
      const element = platform.resolve(stack, `\${${address}.name}`)?.element;
      return element && typeof element.body.name === 'string' ? repositoryArn(platform, element, element.body.name) : whole;
    }),
  );
}

/** Code-point order: the same on every machine, whatever its locale (the report must not change between runs). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** Builds the model: principals, targets and the access of each principal to each target. */
export function buildAccessModel(platform: SynthesizedPlatform, labels: AccessLabels = {}): AccessModel {
  const principals = new Map<string, { name: string; kind: PrincipalKind; details: Set<string> }>();
  const addPrincipal = (id: string, name: string, kind: PrincipalKind, details: readonly string[] = []) => {
    const existing = principals.get(id) ?? { name, kind, details: new Set<string>() };
    if (KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf(existing.kind)) existing.kind = kind;
    details.forEach((d) => existing.details.add(d));
    principals.set(id, existing);
    return id;
  };
  const roleKind = (name: string, fallback: PrincipalKind) => labels.roleKinds?.[name] ?? fallback;
  /** Principals the platform grants to directly (roles it creates or attaches policies to): listed even without access. */
  const granted = new Set<string>();

  // --- roles the platform creates, named by their trust
  const roleByAddress = new Map<string, string>();
  for (const role of platform.ofType('aws_iam_role')) {
    const name = literal(role.body.name) ?? role.name;
    roleByAddress.set(`${role.stack}|aws_iam_role.${role.name}`, name);
    const { kind, details } = describeTrust(platform, role);
    granted.add(addPrincipal(`role:${name}`, name, roleKind(name, kind), details));
  }
  const createdRoles = new Set(roleByAddress.values());
  const existingRole = (name: string) => (createdRoles.has(name) ? [] : ['existing role (not created by these stacks)']);
  for (const association of platform.ofType('aws_eks_pod_identity_association')) {
    const name = roleNameOf(platform, association.stack, association.body.role_arn, roleByAddress);
    if (name) addPrincipal(`role:${name}`, name, roleKind(name, 'Workload role'), [`EKS Pod Identity: ${association.body.cluster_name}/${association.body.namespace}/${association.body.service_account}`]);
  }

  // --- identity policies attached to roles
  const identity = new Map<string, { statement: Statement; stack: string }[]>();
  const grant = (stack: string, roleName: string | undefined, statements: Statement[] | undefined) => {
    if (!roleName || !statements) return;
    granted.add(addPrincipal(`role:${roleName}`, roleName, roleKind(roleName, 'Role'), existingRole(roleName)));
    const list = identity.get(`role:${roleName}`) ?? [];
    statements.forEach((statement) => list.push({ statement, stack }));
    identity.set(`role:${roleName}`, list);
  };
  const policiesByName = new Map<string, TfElement>();
  platform.ofType('aws_iam_policy').forEach((p) => {
    const name = literal(p.body.name);
    if (name) policiesByName.set(name, p);
  });
  const policyStatements = (stack: string, arn: unknown): Statement[] | undefined => {
    const ref = platform.resolve(stack, arn);
    if (ref?.element.type === 'aws_iam_policy') return readPolicy(platform, ref.element.stack, ref.element.body.policy);
    const text = literal(arn);
    if (!text) return undefined;
    const managed = /:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(text)?.[1];
    if (managed) return MANAGED_POLICIES[managed] ? [{ effect: 'Allow', actions: MANAGED_POLICIES[managed], notActions: [], resources: ['*'], notResources: [], conditions: [] }] : undefined;
    const customer = policiesByName.get(text.split('/').pop() ?? '');
    return customer ? readPolicy(platform, customer.stack, customer.body.policy) : undefined;
  };
  for (const role of platform.ofType('aws_iam_role')) {
    const name = roleByAddress.get(`${role.stack}|aws_iam_role.${role.name}`);
    blocks(role.body.inline_policy).forEach((inline) => grant(role.stack, name, readPolicy(platform, role.stack, inline.policy)));
    (role.body.managed_policy_arns ?? []).forEach((arn: unknown) => grant(role.stack, name, policyStatements(role.stack, arn)));
  }
  for (const attachment of platform.ofType('aws_iam_role_policy_attachment')) {
    grant(attachment.stack, roleNameOf(platform, attachment.stack, attachment.body.role, roleByAddress), policyStatements(attachment.stack, attachment.body.policy_arn));
  }
  for (const attachment of platform.ofType('aws_iam_policy_attachment')) {
    for (const role of attachment.body.roles ?? []) grant(attachment.stack, roleNameOf(platform, attachment.stack, role, roleByAddress), policyStatements(attachment.stack, attachment.body.policy_arn));
  }
  for (const inline of platform.ofType('aws_iam_role_policy')) {
    grant(inline.stack, roleNameOf(platform, inline.stack, inline.body.role, roleByAddress), readPolicy(platform, inline.stack, inline.body.policy));
  }

  // --- targets, and the resource policies that apply to each
  const targets: Target[] = [];
  const byRepository = new Map<TfElement | string, Target>();
  for (const repo of platform.ofType('aws_ecr_repository')) {
    const name = literal(repo.body.name) ?? repo.name;
    const target: Target = { kind: 'repository', name, arn: repositoryArn(platform, repo, name) };
    targets.push(target);
    byRepository.set(repo, target);
    byRepository.set(name, target);
  }
  const cacheTargets = new Map<string, Target>();
  for (const rule of platform.ofType('aws_ecr_pull_through_cache_rule')) {
    const prefix = literal(rule.body.ecr_repository_prefix);
    if (!prefix) continue;
    const target: Target = { kind: 'cache prefix', name: `${prefix}/*`, upstream: literal(rule.body.upstream_registry_url), arn: repositoryArn(platform, rule, `${prefix}/image`) };
    targets.push(target);
    cacheTargets.set(prefix, target);
  }
  const resourceStatements: { statement: Statement; stack: string; targets: readonly Target[] }[] = [];
  for (const policy of platform.ofType('aws_ecr_repository_policy')) {
    const target = byRepository.get(platform.resolve(policy.stack, policy.body.repository)?.element ?? policy.body.repository);
    if (target) (readPolicy(platform, policy.stack, policy.body.policy) ?? []).forEach((statement) => resourceStatements.push({ statement, stack: policy.stack, targets: [target] }));
  }
  for (const template of platform.ofType('aws_ecr_repository_creation_template')) {
    const ref = platform.resolve(template.stack, template.body.prefix);
    const prefix = literal(ref ? ref.element.body[ref.attribute] : template.body.prefix);
    const applies = prefix === 'ROOT' ? [...cacheTargets.values()] : prefix && cacheTargets.has(prefix) ? [cacheTargets.get(prefix)!] : [];
    if (applies.length && template.body.repository_policy) {
      (readPolicy(platform, template.stack, template.body.repository_policy) ?? []).forEach((statement) => resourceStatements.push({ statement, stack: template.stack, targets: applies }));
    }
  }
  for (const policy of platform.ofType('aws_ecr_registry_policy')) {
    // Registry policy statements name repositories in their Resource element; they apply wherever it matches.
    (readPolicy(platform, policy.stack, policy.body.policy) ?? []).forEach((statement) => resourceStatements.push({ statement, stack: policy.stack, targets }));
  }

  // --- principals the resource policies name: Allow statements add principals, Deny statements only restrict them
  const statementPrincipals = new Map<Statement, ReadonlySet<string> | 'everyone'>();
  for (const { statement, stack } of resourceStatements.filter((r) => r.statement.effect === 'Allow')) {
    statementPrincipals.set(statement, new Set(principalsOf(platform, stack, statement, roleByAddress, addPrincipal, roleKind, existingRole)));
  }
  const lookOnly: AddPrincipal = (id) => id;
  for (const { statement, stack } of resourceStatements.filter((r) => r.statement.effect === 'Deny')) {
    statementPrincipals.set(statement, isAnyPrincipal(statement) ? 'everyone' : new Set(principalsOf(platform, stack, statement, roleByAddress, lookOnly, roleKind, existingRole)));
  }
  const byTarget = new Map<Target, { statement: Statement; stack: string }[]>(targets.map((t) => [t, []]));
  resourceStatements.forEach((r) => r.targets.forEach((t) => byTarget.get(t)!.push(r)));

  // --- the matrix: identity statements and the resource statements naming the principal, per target
  const access: Record<string, Record<string, Access>> = {};
  for (const id of principals.keys()) {
    const own = (identity.get(id) ?? []).map(({ statement, stack }) => ({ statement, resources: resolveResources(platform, stack, statement.resources ?? []) }));
    for (const target of targets) {
      const applicable = byTarget.get(target)!.filter((r) => {
        const named = statementPrincipals.get(r.statement);
        return named === 'everyone' || named?.has(id);
      });
      const statements = [
        ...own,
        ...applicable.map((r) => ({ statement: r.statement, resources: r.statement.resources ? resolveResources(platform, r.stack, r.statement.resources) : [target.arn] })),
      ];
      const allowed = (action: string) => {
        const matching = statements.filter(({ statement, resources }) => allowsAction(statement, action) && resources.some((r) => wildcardMatch(r, target.arn, false)));
        // A Deny without conditions wins; a conditional statement counts as granted (its condition is listed with the principal).
        return matching.some((m) => m.statement.effect === 'Allow') && !matching.some((m) => m.statement.effect === 'Deny' && !m.statement.conditions.length);
      };
      const cell: Access = {
        pull: allowed('ecr:BatchGetImage'),
        push: allowed('ecr:PutImage'),
        ...(target.kind === 'cache prefix' ? { import: allowed('ecr:BatchImportUpstreamImage') } : {}),
      };
      if (cell.pull || cell.push || cell.import) (access[id] ??= {})[target.name] = cell;
    }
  }

  // Principals only a resource policy names, and that reach none of these repositories (e.g. the source account in a
  // replication target's registry policy), would be empty columns.
  const ordered = [...principals.entries()]
    .filter(([id]) => granted.has(id) || access[id])
    .map(([id, p]) => ({ id, name: p.name, kind: p.kind, details: [...p.details].sort() }))
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.name, b.name));
  const sortedTargets = [...targets]
    .sort((a, b) => (a.kind === b.kind ? compare(a.name, b.name) : a.kind === 'repository' ? -1 : 1))
    .map(({ kind, name, upstream }) => ({ kind, name, ...(upstream ? { upstream } : {}) }));
  return { principals: ordered, targets: sortedTargets, access };
}

/** A role name from a literal name, a literal role ARN, or a reference to an aws_iam_role. */
function roleNameOf(platform: SynthesizedPlatform, stack: string, value: unknown, roleByAddress: Map<string, string>): string | undefined {
  const ref = parseReference(value);
  if (ref) {
    const element = platform.resolve(stack, value)?.element;
    return element?.type === 'aws_iam_role' ? roleByAddress.get(`${stack}|aws_iam_role.${element.name}`) : undefined;
  }
  const text = literal(value);
  if (!text) return undefined;
  return /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1] ?? (text.startsWith('arn:') ? undefined : text);
}

function describeTrust(platform: SynthesizedPlatform, role: TfElement): { kind: PrincipalKind; details: string[] } {
  const statements = (readPolicy(platform, role.stack, role.body.assume_role_policy) ?? []).filter((s) => s.effect === 'Allow');
  const details: string[] = [];
  let kind: PrincipalKind = 'Role';
  for (const statement of statements) {
    const principals = statement.principals === '*' ? { AWS: ['*'] } : (statement.principals ?? {});
    const subjects = statement.conditions.filter((c) => c.key.toLowerCase().endsWith(':sub')).flatMap((c) => c.values);
    for (const federated of principals.Federated ?? []) {
      const github = federated.includes(GITHUB_ISSUER) || statement.conditions.some((c) => c.key.startsWith(GITHUB_ISSUER)) || platform.resolve(role.stack, federated)?.element.body.url?.includes?.(GITHUB_ISSUER);
      if (github) {
        kind = 'CI role';
        details.push(...subjects.map((s) => `GitHub: ${s}`));
      } else {
        if (kind === 'Role') kind = 'Workload role';
        details.push(...subjects.map((s) => `OIDC: ${s}`));
      }
    }
    for (const service of principals.Service ?? []) {
      if (service === 'pods.eks.amazonaws.com' && kind === 'Role') kind = 'Workload role';
      details.push(`Service: ${service}`);
    }
    for (const aws of principals.AWS ?? []) details.push(`AWS: ${aws}`);
  }
  return { kind, details };
}

type AddPrincipal = (id: string, name: string, kind: PrincipalKind, details?: readonly string[]) => string;

/** The report principals an Allow statement of a resource policy names. */
function principalsOf(
  platform: SynthesizedPlatform,
  stack: string,
  statement: Statement,
  roleByAddress: Map<string, string>,
  addPrincipal: AddPrincipal,
  roleKind: (name: string, fallback: PrincipalKind) => PrincipalKind,
  existingRole: (name: string) => string[],
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
    const roleName = roleNameOf(platform, stack, aws, roleByAddress);
    const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(aws)?.[1];
    if (roleName && (!roleAccount || ownAccounts.has(roleAccount))) ids.push(addPrincipal(`role:${roleName}`, roleName, roleKind(roleName, 'Role'), existingRole(roleName)));
    else ids.push(addPrincipal(`role-arn:${aws}`, aws, 'Role', ['another account: its IAM policies must also allow it']));
  }
  for (const service of principals.Service ?? []) {
    const sources = [...conditionValues('aws:sourceaccount'), ...conditionValues('aws:sourcearn')];
    ids.push(addPrincipal(`service:${service}`, service, 'Service', sources.map((s) => `source: ${s}`)));
  }
  return ids;
}
