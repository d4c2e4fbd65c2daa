import type { PlatformApp } from '../app';
import type { PlatformConfig } from '../config/schema';

export interface Finding {
  readonly ruleId: string;
  readonly level: 'error' | 'warning';
  readonly stack: string;
  /** Construct path of the offending resource. */
  readonly resource: string;
  readonly message: string;
  readonly fix: string;
}

/** Runs the guardrail rules over every synthesized stack (issue #7). */
export function runGuardrails(_platform: PlatformApp, _config: PlatformConfig): Finding[] {
  return [];
}

export function formatFinding(finding: Finding): string {
  return `${finding.level === 'error' ? 'ERROR' : 'WARN'} ${finding.ruleId} ${finding.stack} ${finding.resource}: ${finding.message} Fix: ${finding.fix}`;
}
