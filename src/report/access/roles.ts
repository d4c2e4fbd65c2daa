/** The IAM roles the platform creates, named and kinded by their trust policy, and role names from references or ARNs. */
import { readPolicy } from '../../guardrails/policy';
import { GITHUB_OIDC_HOST as GITHUB_ISSUER, untrustedSubject } from '../../domain/github/trust-policy';
import { parseReference, type SynthesizedPlatform, type TfElement } from '../../guardrails/synthesized';
import { literal, type PrincipalKind } from './model';
import type { Principals } from './principals';


export class PlatformRoles {
  /** Role name by `<stack>|aws_iam_role.<logical name>`. */
  private readonly byAddress = new Map<string, string>();
  private readonly created: ReadonlySet<string>;

  /** Every aws_iam_role (a principal granted to directly) and the roles EKS Pod Identity associates. */
  constructor(private readonly platform: SynthesizedPlatform, principals: Principals) {
    for (const role of platform.ofType('aws_iam_role')) {
      const name = literal(role.body.name) ?? role.name;
      this.byAddress.set(addressOf(role), name);
      const { kind, details } = describeTrust(platform, role);
      principals.grant(`role:${name}`, name, principals.roleKind(name, kind), details);
    }
    this.created = new Set(this.byAddress.values());
    for (const association of platform.ofType('aws_eks_pod_identity_association')) {
      const name = this.nameOf(association.stack, association.body.role_arn);
      if (name) {
        principals.add(`role:${name}`, name, principals.roleKind(name, 'Workload role'), [
          `EKS Pod Identity: ${association.body.cluster_name}/${association.body.namespace}/${association.body.service_account}`,
        ]);
      }
    }
  }

  /** The name of a synthesized aws_iam_role. */
  nameOfRole(role: TfElement): string | undefined {
    return this.byAddress.get(addressOf(role));
  }

  /** A role name from a literal name, a literal role ARN, or a reference to an aws_iam_role. */
  nameOf(stack: string, value: unknown): string | undefined {
    if (parseReference(value)) {
      const element = this.platform.resolve(stack, value)?.element;
      return element?.type === 'aws_iam_role' ? this.byAddress.get(`${stack}|aws_iam_role.${element.name}`) : undefined;
    }
    const text = literal(value);
    if (!text) return undefined;
    return /^arn:[^:]+:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1] ?? (text.startsWith('arn:') ? undefined : text);
  }

  /** The detail for a role these stacks only refer to. */
  existingRole(name: string): string[] {
    return this.created.has(name) ? [] : ['existing role (not created by these stacks)'];
  }
}

function addressOf(role: TfElement): string {
  return `${role.stack}|aws_iam_role.${role.name}`;
}

/** A role's kind and who may assume it, from its trust policy's Allow statements. */
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
        // What else the trust requires, and what it lets in that nobody reviewed (CI-001 reads the same).
        for (const claim of ['repository_id', 'repository_owner_id']) {
          const pinned = statement.conditions.filter((c) => c.key.toLowerCase() === `${GITHUB_ISSUER}:${claim}` && /StringEquals$/.test(c.operator)).flatMap((c) => c.values);
          if (pinned.length) details.push(`GitHub ${claim}: ${pinned.join(', ')}`);
        }
        subjects.forEach((s) => {
          const why = untrustedSubject(s);
          if (why) details.push(`unreviewed refs: ${why} (${s})`);
        });
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
  if (kind === 'CI role') {
    // IAM's default (and the platform's) is one hour.
    const seconds = typeof role.body.max_session_duration === 'number' ? role.body.max_session_duration : 3600;
    details.push(`session: at most ${seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`}`);
  }
  return { kind, details };
}
