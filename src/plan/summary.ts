/**
 * One stack's plan in numbers, read from its resource changes (`terraform plan -json`, through
 * ./stream.ts, or `terraform show -json <planfile>`'s resource_changes): what Terraform's own
 * "Plan: N to import, N to add, N to change, N to destroy." says, with replacements counted apart
 * from adds and destroys and listed by address, and the changes that destroy what cannot come back.
 */
import { IRREPLACEABLE } from '../domain/terraform/irreplaceable';

export interface BlockedChange {
  readonly address: string;
  readonly action: 'replace' | 'destroy';
  /** Why it is blocked (IRREPLACEABLE). */
  readonly reason: string;
}

export interface PlanCounts {
  readonly import: number;
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
}

export interface StackPlanSummary extends PlanCounts {
  readonly replaced: readonly string[];
  readonly destroyed: readonly string[];
  readonly blocked: readonly BlockedChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode?: string;
  readonly change: { readonly actions: readonly string[]; readonly importing?: unknown };
}

/** The resource changes, summarized. Data-source reads are not changes. */
export function summarizePlan(plan: { resource_changes?: readonly ResourceChange[] }): StackPlanSummary {
  const counts = { import: 0, add: 0, change: 0, replace: 0, destroy: 0 };
  const replaced: string[] = [];
  const destroyed: string[] = [];
  const blocked: BlockedChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const actions = rc.change.actions.join(',');
    if (rc.change.importing) counts.import++;
    let removal: 'replace' | 'destroy' | undefined;
    if (actions === 'create') counts.add++;
    else if (actions === 'update') counts.change++;
    else if (actions === 'delete') removal = 'destroy';
    else if (actions === 'delete,create' || actions === 'create,delete') removal = 'replace';
    if (!removal) continue;
    counts[removal]++;
    (removal === 'replace' ? replaced : destroyed).push(rc.address);
    const reason = IRREPLACEABLE[rc.type];
    if (reason) blocked.push({ address: rc.address, action: removal, reason });
  }
  return { ...counts, replaced, destroyed, blocked };
}
