/**
 * Every IAM-style policy in the synthesized stacks, parsed into one statement model:
 * JSON strings (src/domain/iam/policy-document.ts renders them) and `aws_iam_policy_document`
 * data sources alike. The IAM rules and the access report both read this.
 */
import { blocks, isToken, type Json, type JsonObject, type SynthesizedPlatform, type TfElement } from './synthesized';
import { awsManagedPolicyName, ECR_MANAGED_POLICIES } from '../domain/iam/ecr-managed-policies';

export type PolicyKind =
  /** `assume_role_policy`: who may assume a role. */
  | 'trust'
  /** Attached to an identity (role, user, group): no Principal. */
  | 'identity'
  /** A KMS key policy: `Resource: "*"` means "this key". */
  | 'key'
  /** On a resource (repository, registry, bucket, secret, ...): names principals. */
  | 'resource';

export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  /** Undefined when the statement has no Resource element (trust and resource policies). */
  readonly resources?: readonly string[];
  readonly notResources: readonly string[];
  /** `*` (any principal), or values by kind (AWS, Service, Federated, CanonicalUser). */
  readonly principals?: '*' | Readonly<Record<string, readonly string[]>>;
  readonly conditions: readonly Condition[];
}

export interface PolicyUse {
  readonly element: TfElement;
  /** Attribute that holds the policy, e.g. `policy`, `assume_role_policy`, `inline_policy[0].policy`. */
  readonly attribute: string;
  readonly kind: PolicyKind;
  /** Undefined when the document is computed at apply time and cannot be read at synth time. */
  readonly statements?: readonly Statement[];
}

const KEY_POLICY_TYPES = new Set(['aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_replica_external_key', 'aws_kms_external_key']);
const IDENTITY_POLICY_TYPES = new Set(['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy']);
/** Attributes holding a policy document; `lifecycle_policy` (ECR rules, not IAM) is not one. */
const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy', 'repository_policy'];
/** Resources whose `policy` is not an IAM document. */
const NOT_IAM = new Set(['aws_ecr_lifecycle_policy', 'aws_ecrpublic_repository_policy_lifecycle', 'aws_autoscaling_policy', 'aws_appautoscaling_policy']);

/** Resources that attach managed policies by ARN, and the attribute holding the ARN (or ARNs). */
const ATTACHMENTS: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_role: 'managed_policy_arns',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
};

/**
 * What an attached managed policy grants, when the policy is not a document of these stacks:
 * an AWS managed policy the platform knows (src/domain/iam/ecr-managed-policies.ts: all on
 * Resource "*"), or undefined (opaque: any other ARN). Null for a policy of these stacks, which
 * is checked as its own document.
 */
function attachedPolicy(platform: SynthesizedPlatform, stack: string, arn: unknown): Statement[] | undefined | null {
  const ref = platform.resolve(stack, arn);
  if (ref?.element.type === 'aws_iam_policy') return null;
  const name = typeof arn === 'string' && !isToken(arn) ? awsManagedPolicyName(arn) : undefined;
  const actions = name ? ECR_MANAGED_POLICIES[name] : undefined;
  if (!actions) return undefined;
  return [{ sid: name, effect: 'Allow', actions: [...actions], notActions: [], resources: ['*'], notResources: [], conditions: [] }];
}

/** Every policy document on every resource, in stack and resource order. */
export function policyUses(platform: SynthesizedPlatform): PolicyUse[] {
  const uses: PolicyUse[] = [];
  for (const element of platform.elements) {
    if (element.mode !== 'resource' || NOT_IAM.has(element.type)) continue;
    for (const attribute of POLICY_ATTRIBUTES) {
      const value = element.body[attribute];
      if (value === undefined || value === null || value === '') continue;
      uses.push({ element, attribute, kind: kindOf(element, attribute), statements: readPolicy(platform, element.stack, value) });
    }
    const attribute = ATTACHMENTS[element.type];
    const arns = attribute ? element.body[attribute] : undefined;
    (Array.isArray(arns) ? arns.map((arn, i) => [arn, `${attribute}[${i}]`] as const) : arns === undefined ? [] : [[arns, attribute] as const]).forEach(([arn, at]) => {
      const statements = attachedPolicy(platform, element.stack, arn);
      if (statements !== null) uses.push({ element, attribute: at, kind: 'identity', statements });
    });
    blocks(element.body.inline_policy).forEach((inline, index) => {
      if (inline.policy === undefined) return;
      uses.push({ element, attribute: `inline_policy[${index}].policy`, kind: 'identity', statements: readPolicy(platform, element.stack, inline.policy) });
    });
  }
  return uses;
}

function kindOf(element: TfElement, attribute: string): PolicyKind {
  if (attribute === 'assume_role_policy') return 'trust';
  if (KEY_POLICY_TYPES.has(element.type)) return 'key';
  if (IDENTITY_POLICY_TYPES.has(element.type)) return 'identity';
  return 'resource';
}

/** Parses a policy value: a JSON string, or a reference to an `aws_iam_policy_document`. Undefined when opaque. */
export function readPolicy(platform: SynthesizedPlatform, stack: string, value: unknown): Statement[] | undefined {
  if (typeof value === 'object' && value !== null) return fromJson(value);
  if (typeof value !== 'string') return undefined;
  const ref = platform.resolve(stack, value);
  if (ref) {
    if (ref.element.type === 'aws_iam_policy_document' && ref.element.mode === 'data') return fromPolicyDocumentData(ref.element.body);
    return undefined;
  }
  if (!value.trimStart().startsWith('{')) return undefined;
  try {
    return fromJson(JSON.parse(value));
  } catch {
    return undefined;
  }
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}

function fromJson(document: Json): Statement[] | undefined {
  if (!document || typeof document !== 'object') return undefined;
  const raw = document.Statement;
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map((s: Json) => {
    const principal = s.Principal;
    return {
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: s.Resource === undefined ? undefined : list(s.Resource),
      notResources: list(s.NotResource),
      principals:
        principal === undefined
          ? undefined
          : principal === '*'
            ? '*'
            : Object.fromEntries(Object.entries(principal as Record<string, unknown>).map(([kind, ids]) => [kind, list(ids)])),
      conditions: Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).flatMap(([operator, entries]) =>
        Object.entries(entries ?? {}).map(([key, values]) => ({ operator, key, values: list(values) })),
      ),
    } satisfies Statement;
  });
}

/** `data "aws_iam_policy_document"` blocks, read the way the data source renders them. */
function fromPolicyDocumentData(body: JsonObject): Statement[] | undefined {
  // Merged documents are assembled at plan time from other values: not inspectable here.
  if (body.source_policy_documents || body.override_policy_documents) return undefined;
  return blocks(body.statement).map((s) => {
    const principals = blocks(s.principals);
    return {
      sid: s.sid,
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: list(s.actions),
      notActions: list(s.not_actions),
      resources: s.resources === undefined ? undefined : list(s.resources),
      notResources: list(s.not_resources),
      principals: principals.length
        ? principals.some((p) => p.type === '*' || (p.type === 'AWS' && list(p.identifiers).includes('*')))
          ? '*'
          : principals.reduce<Record<string, string[]>>((acc, p) => ({ ...acc, [p.type]: [...(acc[p.type] ?? []), ...list(p.identifiers)] }), {})
        : undefined,
      conditions: blocks(s.condition).map((c) => ({ operator: String(c.test), key: String(c.variable), values: list(c.values) })),
    } satisfies Statement;
  });
}

/** True when the statement's principal is anyone: `"*"` or `{"AWS": "*"}`. */
export function isAnyPrincipal(statement: Statement): boolean {
  const p = statement.principals;
  return p === '*' || (p !== undefined && (p.AWS ?? []).includes('*'));
}

const compiled = new Map<string, RegExp>();

/** IAM wildcard match (`*` and `?`), case-insensitive as IAM matches actions. Patterns are compiled once. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = true): boolean {
  const cacheKey = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(cacheKey);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
    compiled.set(cacheKey, regex);
  }
  return regex.test(value);
}

export function allowsAction(statement: Statement, action: string): boolean {
  if (statement.notActions.length) return !statement.notActions.some((p) => wildcardMatch(p, action));
  return statement.actions.some((p) => wildcardMatch(p, action));
}

/** Condition keys whose presence (case-insensitive) limits who a statement applies to. */
export function conditionKeys(statement: Statement): string[] {
  return statement.conditions.map((c) => c.key.toLowerCase());
}
