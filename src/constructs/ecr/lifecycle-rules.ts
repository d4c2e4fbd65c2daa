/**
 * Lifecycle policies: a typed rule model, named presets, the checks AWS applies
 * (run at synth time instead of failing at `terraform apply`), and canonical JSON.
 * (Skeleton: issue #3 completes the checks.)
 */
import type { LifecyclePolicyConfig, LifecycleRuleConfig } from '../../config/schema/lifecycle';
import type { Problem } from '../../config/problems';

/** A rule as ECR's lifecycle policy JSON has it. */
export interface LifecycleRuleJson {
  rulePriority: number;
  description?: string;
  selection: {
    tagStatus: 'tagged' | 'untagged' | 'any';
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: string;
    countUnit?: string;
    countNumber: number;
  };
  action: { type: 'expire' };
}

const RELEASE_PREFIXES = ['v', 'prod', 'staging', 'dev'];

/** Named presets for the common cases. */
export const LIFECYCLE_PRESETS: Record<string, LifecycleRuleConfig[]> = {
  /** Platform images: keep the last 20 release-tagged images, expire untagged after 7 days. */
  platform: [
    { tagStatus: 'untagged', expireAfterDays: 7, description: 'Expire untagged images after 7 days' },
    { tagStatus: 'tagged', tagPrefixes: RELEASE_PREFIXES, keepLast: 20, description: 'Keep the last 20 release images' },
  ],
  /** Application images: keep the last 10 release-tagged images, expire untagged after 3 days. */
  application: [
    { tagStatus: 'untagged', expireAfterDays: 3, description: 'Expire untagged images after 3 days' },
    { tagStatus: 'tagged', tagPrefixes: RELEASE_PREFIXES, keepLast: 10, description: 'Keep the last 10 release images' },
  ],
  /** Keep the last 10 images of any kind. */
  'keep-last-10': [{ tagStatus: 'any', keepLast: 10, description: 'Keep the last 10 images' }],
  /** Repositories the pull-through cache creates: expire untagged after 1 day, keep the last 10 images. */
  'pull-through-cache': [
    { tagStatus: 'untagged', expireAfterDays: 1, description: 'Expire untagged images after 1 day' },
    { tagStatus: 'any', keepLast: 10, description: 'Keep the last 10 images' },
  ],
};

export function lifecycleRulesOf(policy: LifecyclePolicyConfig): LifecycleRuleConfig[] {
  return 'preset' in policy ? LIFECYCLE_PRESETS[policy.preset] : policy.rules;
}

/** Turns configuration rules into ECR's JSON rules, assigning priorities in order where omitted. */
export function toLifecycleRuleJson(rules: readonly LifecycleRuleConfig[]): LifecycleRuleJson[] {
  let next = 1;
  return rules.map((rule) => {
    const priority = rule.priority ?? next;
    next = Math.max(next, priority) + 1;
    const countType = rule.countType ?? (rule.keepLast !== undefined ? 'imageCountMoreThan' : 'sinceImagePushed');
    const countNumber = rule.countNumber ?? rule.keepLast ?? rule.expireAfterDays ?? 0;
    const countUnit = rule.countUnit ?? (countType === 'sinceImagePushed' ? 'days' : undefined);
    return {
      rulePriority: priority,
      ...(rule.description ? { description: rule.description } : {}),
      selection: {
        tagStatus: rule.tagStatus,
        ...(rule.tagPrefixes ? { tagPrefixList: rule.tagPrefixes } : {}),
        ...(rule.tagPatterns ? { tagPatternList: rule.tagPatterns } : {}),
        countType,
        ...(countUnit ? { countUnit } : {}),
        countNumber,
      },
      action: { type: 'expire' },
    };
  });
}

/** AWS's rules for a lifecycle policy. Returns one problem per broken rule. */
export function checkLifecyclePolicy(_policy: LifecyclePolicyConfig): Problem[] {
  return [];
}

/** Canonical policy text: rules in ascending priority (the provider shows a diff on every plan otherwise). */
export function renderLifecyclePolicy(policy: LifecyclePolicyConfig): string {
  const rules = toLifecycleRuleJson(lifecycleRulesOf(policy)).sort((a, b) => a.rulePriority - b.rulePriority);
  return JSON.stringify({ rules });
}
