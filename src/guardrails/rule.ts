import type { PolicyUse } from './policy';
import type { SynthesizedPlatform, TfElement } from './synthesized';

export type Level = 'error' | 'warning';

/** What a rule reports: where and what; the engine adds the rule ID, level and fix. */
export interface Violation {
  readonly stack: string;
  /** Construct path of the resource, or the stack name for stack-level facts (backend). */
  readonly resource: string;
  readonly message: string;
  /** A more specific fix than the rule's own hint. */
  readonly fix?: string;
}

export interface RuleContext {
  readonly platform: SynthesizedPlatform;
  /** Every policy document in the platform, parsed once for all IAM rules. */
  readonly policies: readonly PolicyUse[];
}

export interface Rule {
  /** Stable ID (suppressions name it): never renumber. */
  readonly id: string;
  readonly level: Level;
  /** One line: why the rule exists. */
  readonly rationale: string;
  /** One line: how to comply. */
  readonly fix: string;
  check(context: RuleContext): Iterable<Violation>;
}

export function violation(element: TfElement, message: string, fix?: string): Violation {
  return { stack: element.stack, resource: element.path, message, ...(fix ? { fix } : {}) };
}

/** `"x"` for messages; tokens stay readable. */
export function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
