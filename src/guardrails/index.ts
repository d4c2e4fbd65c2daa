/**
 * Guardrails: one policy check over every synthesized stack, run by every synth
 * (what cdk-nag is to AWS CDK). Rules read the synthesized Terraform JSON, not the
 * configuration, so whatever a construct emits (today's or one added later) is checked.
 */
import type { PlatformApp } from '../app';
import type { PlatformConfig } from '../config/schema';
import type { GuardrailsConfig } from '../config/schema/guardrails';
import { isProduction } from '../config/model';
import { policyUses } from './policy';
import { suppressionReasonProblem, suppressionResourceProblem } from '../domain/suppression-rules';
import type { Level, Rule } from './rule';
import { RULES } from './rules';
import { SynthesizedPlatform, synthesizedStacks, type SynthesizedStack } from './synthesized';

export { RULES } from './rules';
export type { Rule } from './rule';
export { SynthesizedPlatform, synthesizedStack, synthesizedStacks, type SynthesizedStack } from './synthesized';

export interface Finding {
  readonly ruleId: string;
  readonly level: Level;
  readonly stack: string;
  /** Construct path of the offending resource (the stack name for stack-level facts, `guardrails.suppressions[i]` for suppressions). */
  readonly resource: string;
  readonly message: string;
  readonly fix: string;
}

export type Suppression = GuardrailsConfig['suppressions'][number];

export interface GuardrailResult {
  /** Findings left after suppressions, plus any problem with the suppressions themselves. */
  readonly findings: Finding[];
  /** Findings a suppression accepted, with the suppression's reason. */
  readonly suppressed: { readonly finding: Finding; readonly reason: string }[];
}

export interface CheckOptions {
  /** Environments the configuration marks as production (K8S-001, ECR-004). */
  readonly productionEnvironments?: readonly string[];
  readonly suppressions?: readonly Suppression[];
  /** CI roles whose configuration accepts untrusted refs on purpose (allowUntrustedRefs): their CI-001 finding is suppressed with the reason. */
  readonly acceptedUntrustedRefs?: readonly { readonly roleName: string; readonly reason: string }[];
  /** @default every rule */
  readonly rules?: readonly Rule[];
}

/** Rule IDs for the suppression findings: a suppression that cannot be honoured is itself an error. */
export const SUPPRESSION_RULES = {
  missingReason: {
    id: 'GUARD-001',
    rationale: 'A suppression says why the finding is acceptable, as a sentence; without one (or with only whitespace, zero-width characters or punctuation) nobody can re-judge it later.',
    fix: 'Write the reason as a sentence of at least 20 visible characters and 3 words.',
  },
  pattern: {
    id: 'GUARD-003',
    rationale: 'A suppression accepts one finding: a * or ? in its resource also accepts findings on resources added later, and "*" alone switches the rule off.',
    fix: 'Name the resource exactly as the finding line prints it; write one suppression per resource.',
  },
  stale: { id: 'GUARD-002', rationale: 'A suppression that matches no finding is stale (the resource or rule changed) and would hide a future finding.', fix: 'Remove the suppression, or correct its rule ID and resource path (copy them from the finding line).' },
} as const;

/** Runs every rule over synthesized stacks and applies the suppressions. */
export function checkStacks(stacks: readonly SynthesizedStack[], options: CheckOptions = {}): GuardrailResult {
  const platform = new SynthesizedPlatform(stacks, { productionEnvironments: options.productionEnvironments ?? [] });
  const context = { platform, policies: policyUses(platform) };
  const raw: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    for (const v of rule.check(context)) {
      raw.push({ ruleId: rule.id, level: rule.level, stack: v.stack, resource: v.resource, message: v.message, fix: v.fix ?? rule.fix });
    }
  }
  const result = applySuppressions(raw, options.suppressions ?? [], options.rules ?? RULES);
  return acceptUntrustedRefs(platform, result, options.acceptedUntrustedRefs ?? []);
}

/** The configuration's per-role exceptions to CI-001, recorded like suppressions (the access report lists them). */
function acceptUntrustedRefs(platform: SynthesizedPlatform, result: GuardrailResult, accepted: NonNullable<CheckOptions['acceptedUntrustedRefs']>): GuardrailResult {
  if (!accepted.length) return result;
  const reasons = new Map(accepted.map((a) => [a.roleName, a.reason]));
  const roleByPath = new Map(platform.ofType('aws_iam_role').map((role) => [role.path, String(role.body.name)]));
  const reasonFor = (f: Finding) => (f.ruleId === 'CI-001' ? reasons.get(roleByPath.get(f.resource) ?? '') : undefined);
  return {
    findings: result.findings.filter((f) => reasonFor(f) === undefined),
    suppressed: [...result.suppressed, ...result.findings.flatMap((finding) => (reasonFor(finding) !== undefined ? [{ finding, reason: `allowUntrustedRefs: ${reasonFor(finding)}` }] : []))],
  };
}

/**
 * Drops the findings a suppression names: one rule ID and one resource path, matched
 * exactly. A suppression whose reason is not a sentence (GUARD-001) or whose resource is a
 * pattern (GUARD-003) suppresses nothing and is an error; so is one that names an unknown
 * rule or matches no finding (GUARD-002).
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], rules: readonly Rule[] = RULES): GuardrailResult {
  const known = new Set(rules.map((r) => r.id));
  const suppressedBy = new Map<Finding, string>();
  const problems: Finding[] = [];
  const byRule = new Map<string, Finding[]>();
  findings.forEach((f) => byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]));

  suppressions.forEach((suppression, index) => {
    const at = { stack: 'config', resource: `guardrails.suppressions[${index}]` };
    const name = `suppression of ${suppression.rule} for ${JSON.stringify(suppression.resource)}`;
    const reasonProblem = suppressionReasonProblem(suppression.reason ?? '');
    if (reasonProblem) {
      const { id, fix } = SUPPRESSION_RULES.missingReason;
      problems.push({ ruleId: id, level: 'error', ...at, message: `${name} suppresses nothing: its reason ${reasonProblem}.`, fix });
      return;
    }
    const resourceProblem = suppressionResourceProblem(suppression.resource);
    if (resourceProblem) {
      const { id, fix } = SUPPRESSION_RULES.pattern;
      problems.push({ ruleId: id, level: 'error', ...at, message: `${name} suppresses nothing: its resource ${resourceProblem}.`, fix });
      return;
    }
    const matches = (byRule.get(suppression.rule) ?? []).filter((f) => f.resource === suppression.resource);
    if (!matches.length) {
      const { id, fix } = SUPPRESSION_RULES.stale;
      const why = known.has(suppression.rule) ? 'matches no finding' : `names no rule (rules: ${[...known].join(', ')})`;
      problems.push({ ruleId: id, level: 'error', ...at, message: `${name} ${why}.`, fix });
      return;
    }
    matches.forEach((f) => suppressedBy.set(f, suppression.reason));
  });

  return {
    findings: [...findings.filter((f) => !suppressedBy.has(f)), ...problems],
    suppressed: [...suppressedBy].map(([finding, reason]) => ({ finding, reason })),
  };
}

export function productionEnvironments(config: Pick<PlatformConfig, 'environments' | 'kubernetes'>): string[] {
  const names = new Set([...Object.keys(config.environments), ...Object.keys(config.kubernetes?.clusters ?? {})]);
  return [...names].filter((env) => isProduction(config, env)).sort();
}

/** Checks the whole platform with the configuration's suppressions. Reads the synthesized output when `app.synth()` ran. */
export function checkPlatform(platform: PlatformApp, config: PlatformConfig): GuardrailResult {
  return checkStacks(synthesizedStacks(platform.app), {
    productionEnvironments: productionEnvironments(config),
    suppressions: config.guardrails.suppressions,
    acceptedUntrustedRefs: config.access.github.ciRoles.flatMap((role) => (role.allowUntrustedRefs ? [{ roleName: role.name, reason: role.allowUntrustedRefs.reason }] : [])),
  });
}

/** Runs the guardrail rules over every synthesized stack: errors fail the synth, warnings are printed. */
export function runGuardrails(platform: PlatformApp, config: PlatformConfig): Finding[] {
  return checkPlatform(platform, config).findings;
}

export function formatFinding(finding: Finding): string {
  return `${finding.level === 'error' ? 'ERROR' : 'WARN'} ${finding.ruleId} ${finding.stack} ${finding.resource}: ${finding.message} Fix: ${finding.fix}`;
}
