/**
 * IAM's quotas, checked on the synthesized Terraform of every stack (src/domain/iam/quotas.ts
 * has them with their source): whatever construct emits an IAM role or policy, IAM would refuse
 * it at apply past these. Not a guardrail: a quota cannot be suppressed. The configuration
 * checks (src/config/checks/iam.ts) report the same limits with config paths first; this is the
 * last word on what Terraform receives, and what `npm run bench` and the scale test assert.
 */
import { count, IAM_QUOTAS, policyLength, type IamQuotaSettings } from '../domain/iam/quotas';
import { SynthesizedPlatform, type JsonObject, type SynthesizedStack, type TfElement } from './synthesized';

/** What a document will be once Terraform resolves it: the GitHub OIDC provider's ARN is a reference until then. */
function resolvedDocument(platform: SynthesizedPlatform, element: TfElement, document: string): string {
  return document.replace(/\$\{aws_iam_openid_connect_provider\.([^.}]+)\.arn\}/g, (token, name: string) => {
    const provider = platform.ofType('aws_iam_openid_connect_provider').find((p) => p.stack === element.stack && p.name === name);
    const facts = platform.stack(element.stack);
    const url = typeof provider?.body.url === 'string' ? provider.body.url.replace(/^https:\/\//, '') : undefined;
    const account = facts?.accountIds[0];
    const partition = facts?.region?.startsWith('us-gov-') ? 'aws-us-gov' : facts?.region?.startsWith('cn-') ? 'aws-cn' : 'aws';
    return url && account ? `arn:${partition}:iam::${account}:oidc-provider/${url}` : token;
  });
}

function text(body: JsonObject, key: string): string | undefined {
  return typeof body[key] === 'string' ? body[key] : undefined;
}

/** One line per quota a synthesized IAM resource exceeds: `[<construct path>] <what>, got <size>`. */
export function iamLimitProblems(stacks: readonly SynthesizedStack[], quotas: IamQuotaSettings): string[] {
  const platform = new SynthesizedPlatform(stacks);
  const problems: string[] = [];
  const at = (element: TfElement, message: string) => problems.push(`[${element.path}] ${message}`);

  for (const policy of platform.ofType('aws_iam_policy')) {
    const name = text(policy.body, 'name') ?? policy.name;
    const length = policyLength(resolvedDocument(platform, policy, text(policy.body, 'policy') ?? ''));
    if (length > IAM_QUOTAS.managedPolicyLength) {
      at(policy, `managed policy '${name}' must be at most ${count(IAM_QUOTAS.managedPolicyLength)} characters (white space not counted), got ${count(length)}`);
    }
    if (name.length > IAM_QUOTAS.policyNameLength) at(policy, `policy name '${name}' must be at most ${IAM_QUOTAS.policyNameLength} characters, got ${name.length}`);
  }
  for (const role of platform.ofType('aws_iam_role')) {
    const name = text(role.body, 'name') ?? role.name;
    const length = policyLength(resolvedDocument(platform, role, text(role.body, 'assume_role_policy') ?? ''));
    if (length > quotas.roleTrustPolicyLength) {
      at(role, `trust policy of role '${name}' must be at most ${count(quotas.roleTrustPolicyLength)} characters (white space not counted; aws.iamQuotas.roleTrustPolicyLength), got ${count(length)}`);
    }
    if (name.length > IAM_QUOTAS.roleNameLength) at(role, `role name '${name}' must be at most ${IAM_QUOTAS.roleNameLength} characters, got ${name.length}`);
  }

  // Per role (or user), by the value Terraform gets: a name, or a reference to the role of this stack.
  const perHolder = new Map<string, { element: TfElement; policies: Set<string>; inline: number }>();
  const holder = (element: TfElement, kind: 'role' | 'user', value: unknown) => {
    const key = `${element.stack}\u0000${kind}\u0000${String(value).toLowerCase()}`;
    const entry = perHolder.get(key) ?? { element, policies: new Set<string>(), inline: 0 };
    perHolder.set(key, entry);
    return entry;
  };
  for (const attachment of platform.ofType('aws_iam_role_policy_attachment')) holder(attachment, 'role', attachment.body.role).policies.add(String(attachment.body.policy_arn));
  for (const attachment of platform.ofType('aws_iam_user_policy_attachment')) holder(attachment, 'user', attachment.body.user).policies.add(String(attachment.body.policy_arn));
  for (const inline of platform.ofType('aws_iam_role_policy')) holder(inline, 'role', inline.body.role).inline += policyLength(text(inline.body, 'policy') ?? '');
  for (const { element, policies, inline } of perHolder.values()) {
    const who = element.type === 'aws_iam_user_policy_attachment' ? `user ${String(element.body.user)}` : `role ${String(element.body.role)}`;
    if (policies.size > quotas.managedPoliciesPerRole) {
      at(element, `${who} must have at most ${quotas.managedPoliciesPerRole} managed policies attached (aws.iamQuotas.managedPoliciesPerRole), got ${policies.size}`);
    }
    if (inline > IAM_QUOTAS.rolePoliciesLength) {
      at(element, `inline policies of ${who} must be at most ${count(IAM_QUOTAS.rolePoliciesLength)} characters together (white space not counted), got ${count(inline)}`);
    }
  }

  // Unique regardless of case in the account, across every stack of it.
  for (const [type, kind] of [['aws_iam_role', 'role'], ['aws_iam_policy', 'managed policy']] as const) {
    const seen = new Map<string, TfElement>();
    for (const element of platform.ofType(type)) {
      const name = text(element.body, 'name');
      if (!name) continue;
      const account = platform.stack(element.stack)?.accountIds[0] ?? '';
      const key = `${account}\u0000${name.toLowerCase()}`;
      const first = seen.get(key);
      if (first) at(element, `${kind} name '${name}' must be unique in the account regardless of case, got it again (${first.path} is '${text(first.body, 'name')}')`);
      else seen.set(key, element);
    }
  }
  return problems;
}
