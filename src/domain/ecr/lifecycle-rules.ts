/**
 * Lifecycle policies: a typed rule model, named presets, the checks AWS applies
 * (run at synth time instead of failing at `terraform apply`), and canonical JSON.
 */
import { show, type Problem } from '../problem';

/**
 * A lifecycle rule as the platform writes it: the shorthands `keepLast` (imageCountMoreThan) and
 * `expireAfterDays` (sinceImagePushed, days), or AWS's own count fields. Numbers and AWS's strings are
 * loose on purpose: checkLifecyclePolicy says what is wrong in AWS's terms. The configuration schema
 * (src/config/schema/lifecycle.ts) parses into this shape.
 */
export interface LifecycleRule {
  readonly priority?: number;
  readonly description?: string;
  readonly tagStatus: 'tagged' | 'untagged' | 'any';
  readonly tagPrefixes?: string[];
  readonly tagPatterns?: string[];
  readonly keepLast?: number;
  readonly expireAfterDays?: number;
  readonly countType?: string;
  readonly countNumber?: number;
  readonly countUnit?: string;
}

export const LIFECYCLE_PRESET_NAMES = ['platform', 'application', 'keep-last-10', 'pull-through-cache'] as const;
export type LifecyclePresetName = (typeof LIFECYCLE_PRESET_NAMES)[number];

/** A lifecycle policy: a named preset, or the rules themselves. */
export type LifecyclePolicy = { readonly preset: LifecyclePresetName } | { readonly rules: LifecycleRule[] };

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

/** AWS's limit on the policy text (PutLifecyclePolicy's lifecyclePolicyText). */
export const LIFECYCLE_POLICY_MAX_LENGTH = 30_720;
/** AWS's limit of `*` wildcards in one tag pattern. */
export const MAX_TAG_PATTERN_WILDCARDS = 4;
export const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed'] as const;

/** Tag prefixes of release images: v1.2.3, prod-..., staging-..., dev-... */
export const RELEASE_TAG_PREFIXES = ['v', 'prod', 'staging', 'dev'];

/** Keep the newest `keep` release-tagged images; expire untagged images after `untaggedDays` days. */
export function keepReleasesPreset(keep: number, untaggedDays: number): LifecycleRule[] {
  const days = `${untaggedDays} day${untaggedDays === 1 ? '' : 's'}`;
  return [
    { tagStatus: 'untagged', expireAfterDays: untaggedDays, description: `Expire untagged images after ${days}` },
    { tagStatus: 'tagged', tagPrefixes: RELEASE_TAG_PREFIXES, keepLast: keep, description: `Keep the last ${keep} release images` },
  ];
}

/** Named presets for the common cases. */
export const LIFECYCLE_PRESETS: Record<string, LifecycleRule[]> = {
  /** Platform images: keep the last 20 release-tagged images, expire untagged after 7 days. */
  platform: keepReleasesPreset(20, 7),
  /** Application images: keep the last 10 release-tagged images, expire untagged after 3 days. */
  application: keepReleasesPreset(10, 3),
  /** Keep the last 10 images of any kind. */
  'keep-last-10': [{ tagStatus: 'any', keepLast: 10, description: 'Keep the last 10 images' }],
  /** Repositories the pull-through cache creates: expire untagged after 1 day, keep the last 10 images. */
  'pull-through-cache': [
    { tagStatus: 'untagged', expireAfterDays: 1, description: 'Expire untagged images after 1 day' },
    { tagStatus: 'any', keepLast: 10, description: 'Keep the last 10 images' },
  ],
};

export function lifecycleRulesOf(policy: LifecyclePolicy): LifecycleRule[] {
  return 'preset' in policy ? LIFECYCLE_PRESETS[policy.preset] : policy.rules;
}

/**
 * Priorities as AWS will see them. A rule's own priority wins; the others are numbered
 * in order of appearance, skipping numbers taken explicitly, except that `any` rules
 * without a priority come after every other rule (AWS requires them to be evaluated last).
 */
export function assignPriorities(rules: readonly LifecycleRule[]): number[] {
  const taken = new Set(rules.flatMap((rule) => (rule.priority === undefined ? [] : [rule.priority])));
  const priorities: number[] = new Array(rules.length);
  let next = 1;
  const take = () => {
    while (taken.has(next)) next++;
    taken.add(next);
    return next++;
  };
  rules.forEach((rule, i) => {
    if (rule.priority !== undefined) {
      priorities[i] = rule.priority;
      next = Math.max(next, Math.floor(rule.priority) + 1);
    } else if (rule.tagStatus !== 'any') {
      priorities[i] = take();
    }
  });
  next = Math.max(next, ...[...taken].map((priority) => Math.floor(priority) + 1));
  rules.forEach((rule, i) => {
    if (rule.priority === undefined && rule.tagStatus === 'any') priorities[i] = take();
  });
  return priorities;
}

/** Turns configuration rules into ECR's JSON rules (in the order given), assigning priorities where omitted. */
export function toLifecycleRuleJson(rules: readonly LifecycleRule[]): LifecycleRuleJson[] {
  const priorities = assignPriorities(rules);
  return rules.map((rule, i) => {
    const countType = rule.countType ?? (rule.keepLast !== undefined ? 'imageCountMoreThan' : 'sinceImagePushed');
    const countNumber = rule.countNumber ?? rule.keepLast ?? rule.expireAfterDays ?? 0;
    const countUnit = rule.countUnit ?? (countType === 'sinceImagePushed' ? 'days' : undefined);
    return {
      rulePriority: priorities[i],
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

const COUNT_FIELDS = ['keepLast', 'expireAfterDays', 'countNumber'] as const;

/**
 * AWS's rules for a lifecycle policy, checked before `terraform apply` would hit them.
 * One problem per mistake; paths are relative to the policy (`rules[1].countUnit`, or
 * `preset`), and each message names the rule by its priority and, when given, the repository.
 */
export function checkLifecyclePolicy(policy: LifecyclePolicy, repositoryName?: string): Problem[] {
  const isPreset = 'preset' in policy;
  const rules = lifecycleRulesOf(policy);
  if (!rules) {
    return [{ path: 'preset', message: `must be one of ${Object.keys(LIFECYCLE_PRESETS).map((p) => show(p)).join(', ')}, got ${show((policy as { preset: string }).preset)}` }];
  }
  const json = toLifecycleRuleJson(rules);
  const problems: Problem[] = [];
  const repository = repositoryName === undefined ? '' : `repository ${show(repositoryName)}, `;
  const add = (i: number, field: string, message: string) =>
    problems.push({
      path: isPreset ? 'preset' : `rules[${i}]${field ? `.${field}` : ''}`,
      message: `${message} (${repository}rule with priority ${show(json[i].rulePriority)})`,
    });

  const firstWithPriority = new Map<number, number>();
  let firstUntagged: number | undefined;
  rules.forEach((rule, i) => {
    const priority = json[i].rulePriority;

    // Priorities: positive integers, unique.
    if (rule.priority !== undefined && !(Number.isInteger(rule.priority) && rule.priority >= 1)) {
      add(i, 'priority', `must be a positive integer, got ${show(rule.priority)}`);
    }
    const same = firstWithPriority.get(priority);
    if (same === undefined) firstWithPriority.set(priority, i);
    else add(i, 'priority', `must be unique, got ${show(priority)}, which rules[${same}] has too`);

    // `any` is evaluated last: its number must be the largest.
    if (rule.tagStatus === 'any') {
      const higher = json.reduce((best, other, k) => (other.rulePriority > (best === -1 ? priority : json[best].rulePriority) ? k : best), -1);
      if (higher !== -1) {
        add(i, 'priority', `must be the highest priority because tagStatus is "any" (AWS evaluates it last), got ${show(priority)} while rules[${higher}] has ${show(json[higher].rulePriority)}`);
      }
    }

    // At most one rule selects untagged images.
    if (rule.tagStatus === 'untagged') {
      if (firstUntagged === undefined) firstUntagged = i;
      else add(i, 'tagStatus', `must not select untagged images again: only one rule may, and rules[${firstUntagged}] already does, got "untagged"`);
    }

    checkSelection(rule, (field, message) => add(i, field, message));
    checkCount(rule, json[i].selection.countType, (field, message) => add(i, field, message));
  });

  const length = renderLifecyclePolicy(policy).length;
  if (length > LIFECYCLE_POLICY_MAX_LENGTH) {
    problems.push({
      path: isPreset ? 'preset' : 'rules',
      message: `must render to at most ${LIFECYCLE_POLICY_MAX_LENGTH.toLocaleString('en-US')} characters of policy JSON (AWS's limit), got ${length.toLocaleString('en-US')}${repositoryName === undefined ? '' : ` (repository ${show(repositoryName)})`}`,
    });
  }
  return problems;
}

type Report = (field: string, message: string) => void;

/** tagged needs prefixes or patterns (one kind, non-empty, at most 4 `*` per pattern); untagged and any take none. */
function checkSelection(rule: LifecycleRule, report: Report): void {
  if (rule.tagStatus !== 'tagged') {
    for (const field of ['tagPrefixes', 'tagPatterns'] as const) {
      if (rule[field] !== undefined) report(field, `must be omitted when tagStatus is ${show(rule.tagStatus)} (only "tagged" rules select by tag), got ${show(rule[field])}`);
    }
    return;
  }
  const prefixes = rule.tagPrefixes ?? [];
  const patterns = rule.tagPatterns ?? [];
  if (!prefixes.length && !patterns.length) {
    report(rule.tagPatterns ? 'tagPatterns' : 'tagPrefixes', `must list at least one tag prefix (or set tagPatterns) when tagStatus is "tagged", got ${show(rule.tagPatterns ?? rule.tagPrefixes)}`);
  }
  if (prefixes.length && patterns.length) {
    report('tagPatterns', `must not be combined with tagPrefixes in one rule (AWS takes one or the other), got ${show(patterns)}`);
  }
  prefixes.forEach((prefix, k) => {
    if (!prefix) report(`tagPrefixes[${k}]`, 'must not be empty, got ""');
  });
  patterns.forEach((pattern, k) => {
    const wildcards = pattern.split('*').length - 1;
    if (!pattern) report(`tagPatterns[${k}]`, 'must not be empty, got ""');
    else if (wildcards > MAX_TAG_PATTERN_WILDCARDS) {
      report(`tagPatterns[${k}]`, `must contain at most ${MAX_TAG_PATTERN_WILDCARDS} "*" wildcards, got ${show(pattern)} with ${wildcards}`);
    }
  });
}

/** One way to count (keepLast, expireAfterDays, or countType with countNumber), a known count type, `days` exactly for sinceImagePushed, a positive integer. */
function checkCount(rule: LifecycleRule, countType: string, report: Report): void {
  const given = COUNT_FIELDS.filter((field) => rule[field] !== undefined);
  if (given.length === 0) {
    report('', 'must set how many images to keep or how old they may get: keepLast, expireAfterDays, or countType with countNumber, got none of them');
  } else if (given.length > 1) {
    report(given[1], `must not be combined with ${given[0]}: set one of keepLast, expireAfterDays or countNumber, got ${show(rule[given[1]])}`);
  } else {
    const value = rule[given[0]];
    if (!(Number.isInteger(value) && value! >= 1)) report(given[0], `must be a positive integer, got ${show(value)}`);
  }

  if (rule.countType !== undefined && !(COUNT_TYPES as readonly string[]).includes(rule.countType)) {
    report('countType', `must be ${COUNT_TYPES.map((t) => show(t)).join(' or ')}, got ${show(rule.countType)}`);
    return;
  }
  if (rule.countType !== undefined && rule.keepLast !== undefined && rule.countType !== 'imageCountMoreThan') {
    report('countType', `must be "imageCountMoreThan" (or omitted) with keepLast, got ${show(rule.countType)}`);
  } else if (rule.countType !== undefined && rule.expireAfterDays !== undefined && rule.countType !== 'sinceImagePushed') {
    report('countType', `must be "sinceImagePushed" (or omitted) with expireAfterDays, got ${show(rule.countType)}`);
  } else if (rule.countType === undefined && rule.countNumber !== undefined) {
    report('countType', `must be ${COUNT_TYPES.map((t) => show(t)).join(' or ')} when countNumber is set, got nothing`);
  }

  if (rule.countUnit === undefined) return;
  if (countType === 'sinceImagePushed' && rule.countUnit !== 'days') {
    report('countUnit', `must be "days" when countType is "sinceImagePushed", got ${show(rule.countUnit)}`);
  } else if (countType === 'imageCountMoreThan') {
    report('countUnit', `must be omitted when countType is "imageCountMoreThan", got ${show(rule.countUnit)}`);
  }
}

/** Canonical policy text: rules in ascending priority (the provider shows a diff on every plan otherwise). */
export function renderLifecyclePolicy(policy: LifecyclePolicy): string {
  const rules = toLifecycleRuleJson(lifecycleRulesOf(policy)).sort((a, b) => a.rulePriority - b.rulePriority);
  return JSON.stringify({ rules });
}
