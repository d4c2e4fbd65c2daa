/** The access model the report renders: principals, targets, and the access of each principal to each target. */

export type PrincipalKind = 'CI role' | 'Image Updater' | 'Node role' | 'Workload role' | 'Role' | 'Account' | 'Organization' | 'Service';

/** The order the report lists kinds in; a principal seen as several kinds takes the first. */
export const KIND_ORDER: readonly PrincipalKind[] = ['CI role', 'Image Updater', 'Node role', 'Workload role', 'Role', 'Account', 'Organization', 'Service'];

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

/** Code-point order: the same on every machine, whatever its locale (the report must not change between runs). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A synthesized value that is a plain string, not a Terraform reference. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}
