/**
 * Lifecycle policies: a typed rule model, named presets, the checks AWS applies
 * (run at synth time instead of failing, or silently doing something else, at
 * `terraform apply`), and canonical JSON.
 *
 * Sources (AWS, Amazon ECR User Guide and API Reference):
 * - PROPERTIES: "Lifecycle policy properties in Amazon ECR",
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html
 * - EVALUATION: "Automate the cleanup of images by using lifecycle policies in Amazon ECR",
 *   section "Lifecycle policy evaluation rules",
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
 * - EXAMPLES: "Examples of lifecycle policies in Amazon ECR", section "Filtering on multiple tags
 *   in a single rule", https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html
 * - ARCHIVE: "Archiving an image", https://docs.aws.amazon.com/AmazonECR/latest/userguide/archive-image.html
 * - API: PutLifecyclePolicy, lifecyclePolicyText,
 *   https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html
 */
import { show, type Problem } from '../problem';

/**
 * A lifecycle rule as the platform writes it: the shorthands `keepLast` (imageCountMoreThan) and
 * `expireAfterDays` (sinceImagePushed, days), or AWS's own count, storage class and action fields.
 * Numbers and AWS's strings are loose on purpose: checkLifecyclePolicy says what is wrong in AWS's
 * terms. The configuration schema (src/config/schema/lifecycle.ts) parses into this shape.
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
  /** standard (omitted) or archive. */
  readonly storageClass?: string;
  /** expire (omitted) or transition (to archive). */
  readonly action?: string;
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
    storageClass?: string;
    countType: string;
    countUnit?: string;
    countNumber: number;
  };
  action: { type: string; targetStorageClass?: 'archive' };
}

/** API: lifecyclePolicyText is at most 30,720 characters, counted in the text AWS receives (see awsPolicyTextLength). */
export const LIFECYCLE_POLICY_MAX_LENGTH = 30_720;
/** PROPERTIES ("Important" under tagPatternList): at most four `*` wildcards per pattern. */
export const MAX_TAG_PATTERN_WILDCARDS = 4;
/**
 * PROPERTIES: rulePriority and countNumber are of type integer, AWS's 32-bit signed integer:
 * whole numbers from 1 (countNumber: "0 is not an accepted value") to 2,147,483,647.
 */
export const MAX_AWS_INTEGER = 2_147_483_647;
/** PROPERTIES, countType. sinceImagePulled and sinceImageTransitioned came with ECR's archive storage class (2025). */
export const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'] as const;
/** PROPERTIES, countUnit: `days`, only with the count types that measure time. */
const TIME_COUNT_TYPES = ['sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'];
/** PROPERTIES, storageClass: omitted means standard. */
export const STORAGE_CLASSES = ['standard', 'archive'] as const;
/** PROPERTIES, action type: expire deletes, transition moves to targetStorageClass, whose only value is archive. */
export const ACTION_TYPES = ['expire', 'transition'] as const;
/** ARCHIVE: archived images have a minimum storage duration of 90 days; no lifecycle rule may delete them sooner. */
export const ARCHIVE_MINIMUM_DAYS = 90;

/** Tag prefixes of release images: v1.2.3, prod-..., staging-..., dev-... */
export const RELEASE_TAG_PREFIXES = ['v', 'prod', 'staging', 'dev'];

/**
 * Expire untagged images after `untaggedDays` days; keep the newest `keep` images of EACH release
 * prefix. One rule per prefix, because a tagPrefixList of several prefixes selects only images that
 * have a tag for every one of them (EXAMPLES: "images must match all listed tag prefixes").
 */
export function keepReleasesPreset(keep: number, untaggedDays: number): LifecycleRule[] {
  const days = `${untaggedDays} day${untaggedDays === 1 ? '' : 's'}`;
  return [
    { tagStatus: 'untagged', expireAfterDays: untaggedDays, description: `Expire untagged images after ${days}` },
    ...RELEASE_TAG_PREFIXES.map(
      (prefix): LifecycleRule => ({ tagStatus: 'tagged', tagPrefixes: [prefix], keepLast: keep, description: `Keep the newest ${keep} images tagged ${prefix}*` }),
    ),
  ];
}

/** Named presets for the common cases. */
export const LIFECYCLE_PRESETS: Record<string, LifecycleRule[]> = {
  /** Platform images: the newest 20 of each release prefix, untagged expire after 7 days. */
  platform: keepReleasesPreset(20, 7),
  /** Application images: the newest 10 of each release prefix, untagged expire after 3 days. */
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

/** A priority AWS accepts: a whole number from 1 to 2,147,483,647. */
export function isValidPriority(priority: number): boolean {
  return Number.isInteger(priority) && priority >= 1 && priority <= MAX_AWS_INTEGER;
}

/**
 * Priorities as AWS will see them. A rule's own priority wins; the others are numbered
 * in order of appearance, skipping numbers taken explicitly, except that `any` rules
 * without a priority come after every other rule (AWS requires them to be evaluated last).
 * Numbering continues only from valid priorities (1..2,147,483,647), so it always ends: an
 * invalid one (1e300, 2^53, 1.5) is left for the check to report. A rule that finds no number
 * left below the maximum gets one above it, which the check reports too.
 */
export function assignPriorities(rules: readonly LifecycleRule[]): number[] {
  const valid = rules.flatMap((rule) => (rule.priority !== undefined && isValidPriority(rule.priority) ? [rule.priority] : []));
  const taken = new Set(valid);
  const priorities: number[] = new Array(rules.length);
  let next = 1;
  // Each step of the loop passes a distinct taken integer, so it runs at most taken.size times.
  const take = () => {
    while (taken.has(next)) next++;
    taken.add(next);
    return next++;
  };
  rules.forEach((rule, i) => {
    if (rule.priority !== undefined) {
      priorities[i] = rule.priority;
      if (isValidPriority(rule.priority)) next = Math.max(next, rule.priority + 1);
    } else if (rule.tagStatus !== 'any') {
      priorities[i] = take();
    }
  });
  next = valid.reduce((highest, priority) => Math.max(highest, priority + 1), next);
  rules.forEach((rule, i) => {
    if (rule.priority === undefined && rule.tagStatus === 'any') priorities[i] = take();
  });
  return priorities;
}

function countTypeOf(rule: LifecycleRule): string {
  return rule.countType ?? (rule.keepLast !== undefined ? 'imageCountMoreThan' : 'sinceImagePushed');
}

/** The storage class a rule selects: omitted means standard (PROPERTIES, storageClass). */
export function storageClassOf(rule: LifecycleRule): string {
  return rule.storageClass ?? 'standard';
}

/** Turns configuration rules into ECR's JSON rules (in the order given), assigning priorities where omitted. */
export function toLifecycleRuleJson(rules: readonly LifecycleRule[]): LifecycleRuleJson[] {
  const priorities = assignPriorities(rules);
  return rules.map((rule, i) => {
    const countType = countTypeOf(rule);
    const countNumber = rule.countNumber ?? rule.keepLast ?? rule.expireAfterDays ?? 0;
    const countUnit = rule.countUnit ?? (TIME_COUNT_TYPES.includes(countType) ? 'days' : undefined);
    const action = rule.action ?? 'expire';
    return {
      rulePriority: priorities[i],
      ...(rule.description ? { description: rule.description } : {}),
      selection: {
        tagStatus: rule.tagStatus,
        ...(rule.tagPrefixes ? { tagPrefixList: rule.tagPrefixes } : {}),
        ...(rule.tagPatterns ? { tagPatternList: rule.tagPatterns } : {}),
        ...(rule.storageClass ? { storageClass: rule.storageClass } : {}),
        countType,
        ...(countUnit ? { countUnit } : {}),
        countNumber,
      },
      action: action === 'transition' ? { type: action, targetStorageClass: 'archive' } : { type: action },
    };
  });
}

/**
 * Rules whose tag list has several entries, which AWS ANDs: such a rule selects only images that
 * have a tag matching every entry (EXAMPLES, "Filtering on multiple tags in a single rule";
 * PROPERTIES: "If you specify multiple tags, only the images with all specified tags are selected").
 */
export function rulesWithSeveralTags(rules: readonly LifecycleRuleJson[]): { rule: LifecycleRuleJson; field: 'tagPrefixList' | 'tagPatternList'; tags: string[] }[] {
  return rules.flatMap((rule) =>
    (['tagPrefixList', 'tagPatternList'] as const).flatMap((field) => {
      const tags = rule.selection[field];
      return Array.isArray(tags) && tags.length > 1 ? [{ rule, field, tags }] : [];
    }),
  );
}

/**
 * Length of the policy text as AWS receives it. The AWS provider normalizes the policy with Go's
 * encoding/json (structure.NormalizeJsonString in resource aws_ecr_lifecycle_policy), which writes
 * `&`, `<`, `>`, U+2028 and U+2029 as six-character escapes (\u0026, \u003c, ...): five characters
 * more each than JSON.stringify writes.
 */
export function awsPolicyTextLength(text: string): number {
  return text.length + 5 * (text.match(/[&<>\u2028\u2029]/g)?.length ?? 0);
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

  // Messages name the storage class only where the policy uses storage classes.
  const usesStorageClasses = rules.some((rule) => rule.storageClass !== undefined);
  const inClass = (storageClass: string) => (usesStorageClasses ? ` of storage class ${show(storageClass)}` : '');
  const firstWithPriority = new Map<number, number>();
  const firstUntagged = new Map<string, number>();
  const firstWithPrefixes = new Map<string, number>();
  rules.forEach((rule, i) => {
    const priority = json[i].rulePriority;
    const storageClass = storageClassOf(rule);

    // Priorities: whole numbers 1..2,147,483,647, unique (PROPERTIES, rulePriority).
    if (rule.priority !== undefined && !isValidPriority(rule.priority)) {
      add(i, 'priority', `must be a whole number from 1 to ${MAX_AWS_INTEGER} (AWS's integer), got ${show(rule.priority)}`);
    } else if (rule.priority === undefined && priority > MAX_AWS_INTEGER) {
      add(i, 'priority', `must be set: rules without a priority are numbered after the priorities before them, which reach ${MAX_AWS_INTEGER}, the largest AWS accepts, so none is left, got nothing`);
    }
    const same = firstWithPriority.get(priority);
    if (same === undefined) firstWithPriority.set(priority, i);
    else add(i, 'priority', `must be unique, got ${show(priority)}, which rules[${same}] has too`);

    // `any` is evaluated last among the rules of its storage class: its number must be the largest there.
    // (Archive what nobody pulled, `any` at 1, then expire what was archived, `any` in archive at 2: both last in their class.)
    if (rule.tagStatus === 'any') {
      let higher = -1;
      json.forEach((other, k) => {
        // An invalid priority elsewhere is reported there, not here.
        if (k !== i && isValidPriority(other.rulePriority) && storageClassOf(rules[k]) === storageClass && other.rulePriority > (higher === -1 ? priority : json[higher].rulePriority)) higher = k;
      });
      if (higher !== -1) {
        add(i, 'priority', `must be the highest priority${usesStorageClasses ? ` among the rules${inClass(storageClass)}` : ''} because tagStatus is "any" (AWS evaluates it last), got ${show(priority)} while rules[${higher}] has ${show(json[higher].rulePriority)}`);
      }
    }

    // EVALUATION: "Only one rule selecting a specific storage class is allowed to select untagged images."
    if (rule.tagStatus === 'untagged') {
      const first = firstUntagged.get(storageClass);
      if (first === undefined) firstUntagged.set(storageClass, i);
      else add(i, 'tagStatus', `must not select untagged images${inClass(storageClass)} again: only one rule${usesStorageClasses ? ' per storage class' : ''} may, and rules[${first}] already does, got "untagged"`);
    }

    // EVALUATION: "The set of all rules selecting a specific storage class must contain a unique set of prefixes."
    if (rule.tagStatus === 'tagged' && rule.tagPrefixes?.length) {
      const key = `${storageClass}\n${[...new Set(rule.tagPrefixes)].sort().join('\n')}`;
      const first = firstWithPrefixes.get(key);
      if (first === undefined) firstWithPrefixes.set(key, i);
      else add(i, 'tagPrefixes', `must differ from the tag prefixes of rules[${first}]${usesStorageClasses ? `, which selects images${inClass(storageClass)} too` : ''} (AWS requires a unique set of prefixes among the rules of a storage class), got ${show(rule.tagPrefixes)}`);
    }

    checkSelection(rule, (field, message) => add(i, field, message));
    const countType = json[i].selection.countType;
    const countOk = checkCount(rule, countType, (field, message) => add(i, field, message));
    if (countOk) checkStorage(rule, countType, json[i].selection.countNumber, (field, message) => add(i, field, message));
  });

  const length = awsPolicyTextLength(renderLifecyclePolicy(policy));
  if (length > LIFECYCLE_POLICY_MAX_LENGTH) {
    problems.push({
      path: isPreset ? 'preset' : 'rules',
      message: `must render to at most ${LIFECYCLE_POLICY_MAX_LENGTH.toLocaleString('en-US')} characters of policy JSON as AWS receives it (AWS's limit; the provider writes each &, < and > as a six-character escape), got ${length.toLocaleString('en-US')}${repositoryName === undefined ? '' : ` (repository ${show(repositoryName)})`}`,
    });
  }
  return problems;
}

type Report = (field: string, message: string) => void;

/** tagged needs prefixes or patterns (one kind, non-empty, at most 4 `*` per pattern); untagged and any take none (PROPERTIES, tagStatus). */
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

/**
 * One way to count (keepLast, expireAfterDays, or countType with countNumber), a known count type,
 * `days` exactly for the time count types, a whole number from 1 to 2,147,483,647 (PROPERTIES,
 * countType, countUnit, countNumber). Returns whether the count type is known.
 */
function checkCount(rule: LifecycleRule, countType: string, report: Report): boolean {
  const given = COUNT_FIELDS.filter((field) => rule[field] !== undefined);
  if (given.length === 0) {
    report('', 'must set how many images to keep or how old they may get: keepLast, expireAfterDays, or countType with countNumber, got none of them');
  } else if (given.length > 1) {
    report(given[1], `must not be combined with ${given[0]}: set one of keepLast, expireAfterDays or countNumber, got ${show(rule[given[1]])}`);
  } else {
    const value = rule[given[0]]!;
    if (!(Number.isInteger(value) && value >= 1 && value <= MAX_AWS_INTEGER)) report(given[0], `must be a whole number from 1 to ${MAX_AWS_INTEGER}, got ${show(value)}`);
  }

  if (rule.countType !== undefined && !(COUNT_TYPES as readonly string[]).includes(rule.countType)) {
    report('countType', `must be ${COUNT_TYPES.map((t) => show(t)).join(', ')}, got ${show(rule.countType)}`);
    return false;
  }
  if (rule.countType !== undefined && rule.keepLast !== undefined && rule.countType !== 'imageCountMoreThan') {
    report('countType', `must be "imageCountMoreThan" (or omitted) with keepLast, got ${show(rule.countType)}`);
  } else if (rule.countType !== undefined && rule.expireAfterDays !== undefined && rule.countType !== 'sinceImagePushed') {
    report('countType', `must be "sinceImagePushed" (or omitted) with expireAfterDays, got ${show(rule.countType)}`);
  } else if (rule.countType === undefined && rule.countNumber !== undefined) {
    report('countType', `must be ${COUNT_TYPES.map((t) => show(t)).join(', ')} when countNumber is set, got nothing`);
  }

  if (rule.countUnit === undefined) return true;
  if (TIME_COUNT_TYPES.includes(countType) && rule.countUnit !== 'days') {
    report('countUnit', `must be "days" when countType is ${show(countType)}, got ${show(rule.countUnit)}`);
  } else if (countType === 'imageCountMoreThan') {
    report('countUnit', `must be omitted when countType is "imageCountMoreThan", got ${show(rule.countUnit)}`);
  }
  return true;
}

/**
 * The archive storage class (PROPERTIES storageClass, countType, action; EVALUATION; ARCHIVE):
 * - sinceImagePulled only archives ("all images whose last_recorded_pulltime is older ... are archived"): action transition;
 * - sinceImageTransitioned only expires archived images: storageClass archive, action expire, at least 90 days;
 * - every other count type selects standard images only ("the only supported value is standard");
 * - transition moves to archive, the only target, so it applies to standard images.
 */
function checkStorage(rule: LifecycleRule, countType: string, countNumber: number, report: Report): void {
  if (rule.action !== undefined && !(ACTION_TYPES as readonly string[]).includes(rule.action)) {
    report('action', `must be "expire" or "transition" (to the archive storage class), got ${show(rule.action)}`);
    return;
  }
  if (rule.storageClass !== undefined && !(STORAGE_CLASSES as readonly string[]).includes(rule.storageClass)) {
    report('storageClass', `must be "standard" or "archive", got ${show(rule.storageClass)}`);
    return;
  }
  const action = rule.action ?? 'expire';
  const storageClass = storageClassOf(rule);
  if (countType === 'sinceImageTransitioned') {
    if (storageClass !== 'archive') {
      report('storageClass', `must be "archive" when countType is "sinceImageTransitioned" (only archived images have a transition time), got ${show(rule.storageClass)}`);
    }
    if (action !== 'expire') {
      report('action', `must be "expire" (or omitted) when countType is "sinceImageTransitioned": archived images can only be expired, got ${show(rule.action)}`);
    }
    if (Number.isInteger(countNumber) && countNumber >= 1 && countNumber < ARCHIVE_MINIMUM_DAYS) {
      report('countNumber', `must be at least ${ARCHIVE_MINIMUM_DAYS} when countType is "sinceImageTransitioned": archived images are kept ${ARCHIVE_MINIMUM_DAYS} days at least (ECR's minimum storage duration), got ${show(countNumber)}`);
    }
    return;
  }
  if (storageClass === 'archive') {
    report('storageClass', `must be "standard" (or omitted) when countType is ${show(countType)}: only countType "sinceImageTransitioned" selects archived images, got "archive"`);
  }
  if (countType === 'sinceImagePulled' && action !== 'transition') {
    report('action', `must be "transition" when countType is "sinceImagePulled": AWS archives images by last pull but never expires by it (expire them later from archive with sinceImageTransitioned), got ${show(rule.action)}`);
  }
  if (action === 'transition' && rule.expireAfterDays !== undefined) {
    report('expireAfterDays', `must not be used with action "transition" (it archives, not expires): use countType "sinceImagePushed" with countNumber, got ${show(rule.expireAfterDays)}`);
  }
}

/**
 * Canonical policy text: rules in ascending priority (the provider shows a diff on every plan otherwise).
 * The AWS provider 5.100.0 compares lifecycle policies on a fixed set of fields that lacks
 * storageClass and targetStorageClass: a change of only those fields shows no diff in a plan.
 */
export function renderLifecyclePolicy(policy: LifecyclePolicy): string {
  const rules = toLifecycleRuleJson(lifecycleRulesOf(policy)).sort((a, b) => a.rulePriority - b.rulePriority);
  return JSON.stringify({ rules });
}
