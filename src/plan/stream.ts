/**
 * Reads `terraform plan -json`: Terraform's machine-readable UI, one JSON message per line
 * (https://developer.hashicorp.com/terraform/internals/machine-readable-ui). Its
 * `planned_change` messages name what `terraform show -json <planfile>` would list in
 * resource_changes (address, type, action, import), so a plan needs no second command to be
 * summarized; each terraform command starts the AWS provider again, about 1.8 CPU-seconds.
 * Its `diagnostic` messages are the plan's errors and warnings.
 */
import type { ResourceChange } from './summary';

export interface PlanDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** The resource or provider the diagnostic is about, as Terraform's "with ..." line names it. */
  readonly address?: string;
}

export interface StreamedPlan {
  /** In the shape of `show -json`'s resource_changes; changes only (no-op resources are not streamed). */
  readonly resourceChanges: readonly ResourceChange[];
  readonly diagnostics: readonly PlanDiagnostic[];
}

interface PlannedChangeMessage {
  readonly resource: { readonly addr: string; readonly resource_type: string };
  readonly action: string;
  readonly importing?: { readonly id?: string };
}

/**
 * The stream's single action word as show -json's action list. "replace" becomes delete then
 * create (the stream does not say which comes first; the summary counts either as a replacement);
 * "import" (an import with no other change), "noop" and "move" change nothing; "remove" is a
 * `removed` block's forget, which destroys nothing.
 */
const ACTIONS: Readonly<Record<string, readonly string[]>> = {
  create: ['create'],
  read: ['read'],
  update: ['update'],
  delete: ['delete'],
  replace: ['delete', 'create'],
  import: ['no-op'],
  noop: ['no-op'],
  move: ['no-op'],
  remove: ['forget'],
};

/** Thrown for an action this reader does not know: better no summary than one that misses a destroy. */
export class UnknownPlanAction extends Error {}

/** A data source's address: `data.<type>.<name>`, possibly inside modules. */
const DATA_ADDRESS = /^(module\.[^.[]+(\[[^\]]*\])?\.)*data\./;

export function readPlanStream(stdout: string): StreamedPlan {
  const resourceChanges: ResourceChange[] = [];
  const diagnostics: PlanDiagnostic[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let message: { type?: string; change?: PlannedChangeMessage; diagnostic?: PlanDiagnostic };
    try {
      message = JSON.parse(line);
    } catch {
      continue; // not a message of the stream (a provider's stray output)
    }
    if (message.type === 'diagnostic' && message.diagnostic) diagnostics.push(message.diagnostic);
    if (message.type !== 'planned_change' || !message.change) continue;
    const { resource, action, importing } = message.change;
    const actions = ACTIONS[action];
    if (!actions) throw new UnknownPlanAction(`terraform plan -json: unknown planned_change action "${action}" for ${resource.addr}`);
    resourceChanges.push({
      address: resource.addr,
      type: resource.resource_type,
      mode: DATA_ADDRESS.test(resource.addr) ? 'data' : 'managed',
      change: { actions, ...(importing ? { importing } : {}) },
    });
  }
  return { resourceChanges, diagnostics };
}

/** The errors as Terraform prints them: "Error: <summary>", the address, the detail. */
export function errorText(diagnostics: readonly PlanDiagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => [`Error: ${d.summary}`, ...(d.address ? [`with ${d.address}`] : []), ...(d.detail ? [d.detail] : [])].join('\n'))
    .join('\n\n');
}
