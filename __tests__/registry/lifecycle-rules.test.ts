import {
  assignPriorities,
  awsPolicyTextLength,
  rulesWithSeveralTags,
  checkLifecyclePolicy,
  LIFECYCLE_POLICY_MAX_LENGTH,
  LIFECYCLE_PRESETS,
  lifecycleRulesOf,
  renderLifecyclePolicy,
  toLifecycleRuleJson,
} from '../../src/domain/ecr/lifecycle-rules';
import type { LifecycleRuleConfig } from '../../src/config/schema/lifecycle';
import { lifecyclePresetName } from '../../src/config/schema/lifecycle';

const keepTagged: LifecycleRuleConfig = { tagStatus: 'tagged', tagPrefixes: ['v'], keepLast: 5 };
const expireUntagged: LifecycleRuleConfig = { tagStatus: 'untagged', expireAfterDays: 3 };

/** The problems of a policy made of these rules, as "path: message". */
function problemsOf(rules: LifecycleRuleConfig[], repository?: string): string[] {
  return checkLifecyclePolicy({ rules }, repository).map((p) => `${p.path}: ${p.message}`);
}

describe('lifecycle checks: one failing example per AWS rule', () => {
  it('accepts a correct policy', () => {
    expect(problemsOf([expireUntagged, keepTagged, { tagStatus: 'any', keepLast: 50 }])).toEqual([]);
  });

  it('names the repository and the rule in each message', () => {
    expect(problemsOf([{ ...keepTagged, keepLast: 0 }], 'faro-rag/rag-query')).toEqual([
      'rules[0].keepLast: must be a whole number from 1 to 2147483647, got 0 (repository "faro-rag/rag-query", rule with priority 1)',
    ]);
  });

  it('priorities are whole numbers from 1 to 2147483647', () => {
    expect(problemsOf([{ ...keepTagged, priority: 0 }])).toEqual(["rules[0].priority: must be a whole number from 1 to 2147483647 (AWS's integer), got 0 (rule with priority 0)"]);
    expect(problemsOf([{ ...keepTagged, priority: 1.5 }])).toEqual(["rules[0].priority: must be a whole number from 1 to 2147483647 (AWS's integer), got 1.5 (rule with priority 1.5)"]);
    expect(problemsOf([{ ...keepTagged, priority: 2147483648 }])).toEqual([
      "rules[0].priority: must be a whole number from 1 to 2147483647 (AWS's integer), got 2147483648 (rule with priority 2147483648)",
    ]);
    expect(problemsOf([{ ...keepTagged, priority: 2147483647 }])).toEqual([]);
  });

  it('a huge priority followed by a rule without one ends with a message instead of looping', () => {
    // 1e300 + 1 === 1e300 and 2 ** 53 + 1 === 2 ** 53: numbering from them used to loop forever.
    for (const huge of [1e300, 2 ** 53]) {
      expect(problemsOf([{ ...keepTagged, priority: huge }, expireUntagged, { tagStatus: 'any', keepLast: 5 }])).toEqual([
        `rules[0].priority: must be a whole number from 1 to 2147483647 (AWS's integer), got ${JSON.stringify(huge)} (rule with priority ${JSON.stringify(huge)})`,
      ]);
    }
    expect(problemsOf([{ ...keepTagged, priority: 2147483647 }, expireUntagged])).toEqual([
      'rules[1].priority: must be set: rules without a priority are numbered after the priorities before them, which reach 2147483647, the largest AWS accepts, so none is left, got nothing (rule with priority 2147483648)',
    ]);
  });

  it('priorities must be unique', () => {
    expect(problemsOf([{ ...expireUntagged, priority: 3 }, { ...keepTagged, priority: 3 }])).toEqual([
      'rules[1].priority: must be unique, got 3, which rules[0] has too (rule with priority 3)',
    ]);
  });

  it('tagged needs a non-empty prefix or pattern list', () => {
    expect(problemsOf([{ tagStatus: 'tagged', keepLast: 5 }])).toEqual([
      'rules[0].tagPrefixes: must list at least one tag prefix (or set tagPatterns) when tagStatus is "tagged", got nothing (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'tagged', tagPatterns: [], keepLast: 5 }])).toEqual([
      'rules[0].tagPatterns: must list at least one tag prefix (or set tagPatterns) when tagStatus is "tagged", got [] (rule with priority 1)',
    ]);
  });

  it('tagged takes prefixes or patterns, not both, and no empty entries', () => {
    expect(problemsOf([{ ...keepTagged, tagPatterns: ['v*'] }])).toEqual([
      'rules[0].tagPatterns: must not be combined with tagPrefixes in one rule (AWS takes one or the other), got ["v*"] (rule with priority 1)',
    ]);
    expect(problemsOf([{ ...keepTagged, tagPrefixes: ['v', ''] }])).toEqual(['rules[0].tagPrefixes[1]: must not be empty, got "" (rule with priority 1)']);
  });

  it('untagged and any take no prefixes or patterns', () => {
    expect(problemsOf([{ ...expireUntagged, tagPrefixes: ['v'] }])).toEqual([
      'rules[0].tagPrefixes: must be omitted when tagStatus is "untagged" (only "tagged" rules select by tag), got ["v"] (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'any', keepLast: 5, tagPatterns: ['*'] }])).toEqual([
      'rules[0].tagPatterns: must be omitted when tagStatus is "any" (only "tagged" rules select by tag), got ["*"] (rule with priority 1)',
    ]);
  });

  it('a pattern has at most 4 wildcards', () => {
    expect(problemsOf([{ tagStatus: 'tagged', tagPatterns: ['*test*1*2*3'], keepLast: 5 }])).toEqual([]);
    expect(problemsOf([{ tagStatus: 'tagged', tagPatterns: ['test*1*2*3*4*'], keepLast: 5 }])).toEqual([
      'rules[0].tagPatterns[0]: must contain at most 4 "*" wildcards, got "test*1*2*3*4*" with 5 (rule with priority 1)',
    ]);
  });

  it('count type is imageCountMoreThan or sinceImagePushed', () => {
    expect(problemsOf([{ tagStatus: 'any', countType: 'imageCount', countNumber: 5 }])).toEqual([
      'rules[0].countType: must be "imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned", got "imageCount" (rule with priority 1)',
    ]);
  });

  it('count unit is "days", exactly, for sinceImagePushed and absent for imageCountMoreThan', () => {
    expect(problemsOf([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 5, countUnit: 'days' }])).toEqual([]);
    expect(problemsOf([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 5, countUnit: 'Days' }])).toEqual([
      'rules[0].countUnit: must be "days" when countType is "sinceImagePushed", got "Days" (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'any', keepLast: 5, countUnit: 'days' }])).toEqual([
      'rules[0].countUnit: must be omitted when countType is "imageCountMoreThan", got "days" (rule with priority 1)',
    ]);
  });

  it('count is a positive integer, given one way', () => {
    expect(problemsOf([{ tagStatus: 'untagged', expireAfterDays: 2.5 }])).toEqual([
      'rules[0].expireAfterDays: must be a whole number from 1 to 2147483647, got 2.5 (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: -1 }])).toEqual([
      'rules[0].countNumber: must be a whole number from 1 to 2147483647, got -1 (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged' }])).toEqual([
      'rules[0]: must set how many images to keep or how old they may get: keepLast, expireAfterDays, or countType with countNumber, got none of them (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged', keepLast: 3, expireAfterDays: 3 }])).toEqual([
      'rules[0].expireAfterDays: must not be combined with keepLast: set one of keepLast, expireAfterDays or countNumber, got 3 (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged', keepLast: 3, countType: 'sinceImagePushed' }])).toEqual([
      'rules[0].countType: must be "imageCountMoreThan" (or omitted) with keepLast, got "sinceImagePushed" (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged', countNumber: 3 }])).toEqual([
      'rules[0].countType: must be "imageCountMoreThan", "sinceImagePushed", "sinceImagePulled", "sinceImageTransitioned" when countNumber is set, got nothing (rule with priority 1)',
    ]);
  });

  it('at most one rule selects untagged images', () => {
    expect(problemsOf([expireUntagged, { tagStatus: 'untagged', keepLast: 10 }])).toEqual([
      'rules[1].tagStatus: must not select untagged images again: only one rule may, and rules[0] already does, got "untagged" (rule with priority 2)',
    ]);
  });

  it('a rule with tagStatus any has the highest priority number', () => {
    expect(problemsOf([{ tagStatus: 'any', keepLast: 10, priority: 1 }, { ...keepTagged, priority: 2 }])).toEqual([
      'rules[0].priority: must be the highest priority because tagStatus is "any" (AWS evaluates it last), got 1 while rules[1] has 2 (rule with priority 1)',
    ]);
  });

  it('the policy text stays within 30,720 characters', () => {
    const rules: LifecycleRuleConfig[] = Array.from({ length: 150 }, (_, i) => ({
      tagStatus: 'tagged',
      tagPrefixes: [`release-${i}`],
      keepLast: 5,
      description: `Keep the last five images of release line ${i} ${'x'.repeat(100)}`,
    }));
    expect(renderLifecyclePolicy({ rules }).length).toBeGreaterThan(LIFECYCLE_POLICY_MAX_LENGTH);
    const problems = problemsOf(rules, 'big');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^rules: must render to at most 30,720 characters of policy JSON as AWS receives it \(AWS's limit; the provider writes each &, < and > as a six-character escape\), got \d{2},\d{3} \(repository "big"\)$/,
    );
  });

  it('counts &, < and > as the six-character escapes the provider sends', () => {
    expect(awsPolicyTextLength('{"d":"a&b<c>d"}')).toBe(15 + 3 * 5);
    expect(awsPolicyTextLength(JSON.stringify({ d: '\u2028' }))).toBe(JSON.stringify({ d: '\u2028' }).length + 5);
    // 80 rules with ten "&" in each description: under 30,720 characters as JSON.stringify writes
    // them, over it once the provider has written every & as \u0026.
    const rules: LifecycleRuleConfig[] = Array.from({ length: 80 }, (_, i) => ({
      tagStatus: 'tagged',
      tagPrefixes: [`r${i}`],
      keepLast: 5,
      description: `${'x'.repeat(190)}${'&'.repeat(10)}`,
    }));
    const text = renderLifecyclePolicy({ rules });
    expect(text.length).toBeLessThan(LIFECYCLE_POLICY_MAX_LENGTH);
    expect(awsPolicyTextLength(text)).toBeGreaterThan(LIFECYCLE_POLICY_MAX_LENGTH);
    expect(problemsOf(rules)).toEqual([
      `rules: must render to at most 30,720 characters of policy JSON as AWS receives it (AWS's limit; the provider writes each &, < and > as a six-character escape), got ${awsPolicyTextLength(text).toLocaleString('en-US')}`,
    ]);
  });

  it('rules of one storage class need distinct tag prefix sets', () => {
    expect(problemsOf([keepTagged, { ...keepTagged, keepLast: 9 }])).toEqual([
      'rules[1].tagPrefixes: must differ from the tag prefixes of rules[0] (AWS requires a unique set of prefixes among the rules of a storage class), got ["v"] (rule with priority 2)',
    ]);
    // The same set in another order is the same set.
    expect(problemsOf([{ ...keepTagged, tagPrefixes: ['a', 'b'] }, { ...keepTagged, tagPrefixes: ['b', 'a'] }])).toHaveLength(1);
    expect(problemsOf([keepTagged, { ...keepTagged, tagPrefixes: ['v', 'x'] }])).toEqual([]);
    // Standard and archive are separate sets: AWS's transition-then-expire pair uses one prefix twice.
    expect(
      problemsOf([
        { tagStatus: 'tagged', tagPrefixes: ['v'], countType: 'sinceImagePushed', countNumber: 30, action: 'transition' },
        { tagStatus: 'tagged', tagPrefixes: ['v'], countType: 'sinceImageTransitioned', countNumber: 90, storageClass: 'archive' },
      ]),
    ).toEqual([]);
  });

  it('reports every mistake of a policy in one pass', () => {
    expect(problemsOf([{ tagStatus: 'tagged', keepLast: 0 }, { tagStatus: 'untagged', expireAfterDays: 1, countUnit: 'hours' }])).toHaveLength(3);
  });
});

describe('priorities', () => {
  it('are assigned in order of appearance when omitted', () => {
    expect(assignPriorities([expireUntagged, keepTagged])).toEqual([1, 2]);
  });

  it('skip numbers taken explicitly and continue after them', () => {
    expect(assignPriorities([expireUntagged, { ...keepTagged, priority: 1 }, keepTagged])).toEqual([2, 1, 3]);
    expect(assignPriorities([{ ...keepTagged, priority: 10 }, expireUntagged])).toEqual([10, 11]);
  });

  it('put an `any` rule without priority after every other rule', () => {
    expect(assignPriorities([{ tagStatus: 'any', keepLast: 10 }, expireUntagged, { ...keepTagged, priority: 7 }])).toEqual([8, 1, 7]);
    expect(assignPriorities([{ tagStatus: 'any', keepLast: 10 }])).toEqual([1]);
  });
});

describe('rendering', () => {
  it('is canonical JSON with the rules in ascending priority', () => {
    const text = renderLifecyclePolicy({ rules: [{ ...keepTagged, priority: 5 }, { ...expireUntagged, priority: 2 }] });
    expect(JSON.parse(text)).toEqual({
      rules: [
        { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 3 }, action: { type: 'expire' } },
        { rulePriority: 5, selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } },
      ],
    });
    // Same rules, other order: the same text, so plans show no change.
    expect(renderLifecyclePolicy({ rules: [{ ...expireUntagged, priority: 2 }, { ...keepTagged, priority: 5 }] })).toBe(text);
  });

  it('turns the raw AWS fields into the same JSON as the shorthands', () => {
    expect(toLifecycleRuleJson([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 3 }])).toEqual(toLifecycleRuleJson([expireUntagged]));
  });
});

describe('presets', () => {
  it('exist for every preset name the schema accepts, and pass AWS checks', () => {
    expect(Object.keys(LIFECYCLE_PRESETS).sort()).toEqual([...lifecyclePresetName.options].sort());
    for (const preset of lifecyclePresetName.options) {
      expect(checkLifecyclePolicy({ preset })).toEqual([]);
    }
  });

  it('platform: the newest 20 images of each release prefix, one rule per prefix; untagged expire after 7 days', () => {
    const keep = (rulePriority: number, prefix: string) => ({
      rulePriority,
      description: `Keep the newest 20 images tagged ${prefix}*`,
      selection: { tagStatus: 'tagged', tagPrefixList: [prefix], countType: 'imageCountMoreThan', countNumber: 20 },
      action: { type: 'expire' },
    });
    expect(JSON.parse(renderLifecyclePolicy({ preset: 'platform' })).rules).toEqual([
      { rulePriority: 1, description: 'Expire untagged images after 7 days', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } },
      keep(2, 'v'),
      keep(3, 'prod'),
      keep(4, 'staging'),
      keep(5, 'dev'),
    ]);
  });

  it('application: the newest 10 of each release prefix, untagged 3 days', () => {
    const rules = toLifecycleRuleJson(lifecycleRulesOf({ preset: 'application' }));
    expect(rules.map((r) => [r.selection.tagStatus, r.selection.countNumber, r.selection.tagPrefixList])).toEqual([
      ['untagged', 3, undefined],
      ['tagged', 10, ['v']],
      ['tagged', 10, ['prod']],
      ['tagged', 10, ['staging']],
      ['tagged', 10, ['dev']],
    ]);
  });

  it('no preset has a rule with several tags (AWS would AND them)', () => {
    for (const preset of lifecyclePresetName.options) {
      expect(rulesWithSeveralTags(toLifecycleRuleJson(lifecycleRulesOf({ preset })))).toEqual([]);
    }
    expect(rulesWithSeveralTags(toLifecycleRuleJson([{ tagStatus: 'tagged', tagPrefixes: ['v', 'prod'], keepLast: 3 }])).map((r) => r.tags)).toEqual([['v', 'prod']]);
  });

  it('keep-last-10: the last 10 images of any kind', () => {
    expect(JSON.parse(renderLifecyclePolicy({ preset: 'keep-last-10' })).rules).toEqual([
      { rulePriority: 1, description: 'Keep the last 10 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } },
    ]);
  });

  it('pull-through-cache: the any rule comes last', () => {
    const rules = toLifecycleRuleJson(lifecycleRulesOf({ preset: 'pull-through-cache' }));
    expect(rules.map((r) => [r.selection.tagStatus, r.rulePriority])).toEqual([
      ['untagged', 1],
      ['any', 2],
    ]);
  });
});

describe('archive storage class: typed, checked rules', () => {
  // The pair terraform-provider-aws's acceptance tests apply: archive what nobody pulled for
  // 90 days, delete what has been archived for a year.
  const archiveUnpulled: LifecycleRuleConfig = { tagStatus: 'any', countType: 'sinceImagePulled', countNumber: 90, action: 'transition' };
  const expireArchived: LifecycleRuleConfig = { tagStatus: 'any', countType: 'sinceImageTransitioned', countNumber: 365, storageClass: 'archive' };

  it('accepts transition-then-expire and renders it as AWS documents it', () => {
    expect(problemsOf([archiveUnpulled, expireArchived])).toEqual([]);
    expect(JSON.parse(renderLifecyclePolicy({ rules: [archiveUnpulled, expireArchived] })).rules).toEqual([
      { rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90 }, action: { type: 'transition', targetStorageClass: 'archive' } },
      { rulePriority: 2, selection: { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 365 }, action: { type: 'expire' } },
    ]);
  });

  it('sinceImagePulled only archives', () => {
    expect(problemsOf([{ ...archiveUnpulled, action: undefined }])).toEqual([
      'rules[0].action: must be "transition" when countType is "sinceImagePulled": AWS archives images by last pull but never expires by it (expire them later from archive with sinceImageTransitioned), got nothing (rule with priority 1)',
    ]);
  });

  it('sinceImageTransitioned selects archived images, expires them, after 90 days at least', () => {
    expect(problemsOf([{ ...expireArchived, storageClass: undefined }])).toEqual([
      'rules[0].storageClass: must be "archive" when countType is "sinceImageTransitioned" (only archived images have a transition time), got nothing (rule with priority 1)',
    ]);
    expect(problemsOf([{ ...expireArchived, action: 'transition' }])).toEqual([
      'rules[0].action: must be "expire" (or omitted) when countType is "sinceImageTransitioned": archived images can only be expired, got "transition" (rule with priority 1)',
    ]);
    expect(problemsOf([{ ...expireArchived, countNumber: 30 }])).toEqual([
      'rules[0].countNumber: must be at least 90 when countType is "sinceImageTransitioned": archived images are kept 90 days at least (ECR\'s minimum storage duration), got 30 (rule with priority 1)',
    ]);
    expect(problemsOf([{ ...expireArchived, countNumber: 90 }])).toEqual([]);
  });

  it('only sinceImageTransitioned selects the archive storage class', () => {
    expect(problemsOf([{ tagStatus: 'untagged', expireAfterDays: 3, storageClass: 'archive' }])).toEqual([
      'rules[0].storageClass: must be "standard" (or omitted) when countType is "sinceImagePushed": only countType "sinceImageTransitioned" selects archived images, got "archive" (rule with priority 1)',
    ]);
  });

  it('known actions and storage classes only', () => {
    expect(problemsOf([{ ...keepTagged, action: 'delete' }])).toEqual(['rules[0].action: must be "expire" or "transition" (to the archive storage class), got "delete" (rule with priority 1)']);
    expect(problemsOf([{ ...keepTagged, storageClass: 'glacier' }])).toEqual(['rules[0].storageClass: must be "standard" or "archive", got "glacier" (rule with priority 1)']);
    expect(problemsOf([{ tagStatus: 'untagged', expireAfterDays: 30, action: 'transition' }])).toEqual([
      'rules[0].expireAfterDays: must not be used with action "transition" (it archives, not expires): use countType "sinceImagePushed" with countNumber, got 30 (rule with priority 1)',
    ]);
    expect(problemsOf([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 30, action: 'transition' }])).toEqual([]);
  });

  it('count unit days for the time count types', () => {
    expect(problemsOf([{ ...archiveUnpulled, countUnit: 'weeks' }])).toEqual([
      'rules[0].countUnit: must be "days" when countType is "sinceImagePulled", got "weeks" (rule with priority 1)',
    ]);
  });

  it('one untagged rule and one last `any` rule per storage class', () => {
    const untaggedArchived: LifecycleRuleConfig = { tagStatus: 'untagged', countType: 'sinceImageTransitioned', countNumber: 90, storageClass: 'archive' };
    expect(problemsOf([expireUntagged, untaggedArchived])).toEqual([]);
    expect(problemsOf([untaggedArchived, { ...untaggedArchived, countNumber: 120 }])).toEqual([
      'rules[1].tagStatus: must not select untagged images of storage class "archive" again: only one rule per storage class may, and rules[0] already does, got "untagged" (rule with priority 2)',
    ]);
    expect(problemsOf([{ ...archiveUnpulled, priority: 1 }, { ...keepTagged, priority: 2 }, { ...expireArchived, priority: 3 }])).toEqual([
      'rules[0].priority: must be the highest priority among the rules of storage class "standard" because tagStatus is "any" (AWS evaluates it last), got 1 while rules[1] has 2 (rule with priority 1)',
    ]);
  });
});
