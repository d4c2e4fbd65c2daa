import { z } from 'zod';
import { LIFECYCLE_PRESET_NAMES, RELEASE_TAG_PREFIXES } from '../../domain/ecr/lifecycle-rules';

/**
 * One lifecycle rule as written in the configuration. The typed shorthands
 * `keepLast` (imageCountMoreThan) and `expireAfterDays` (sinceImagePushed, days)
 * cover almost every policy; the raw AWS fields are accepted too, and both are
 * checked against AWS's rules at synth time (src/domain/ecr/lifecycle-rules.ts).
 * Numbers and AWS's strings are deliberately loose here: the checks say what is
 * wrong with a rule in AWS's terms, naming the repository and the rule.
 */
export const lifecycleRule = z
  .object({
    priority: z
      .number()
      .optional()
      .describe(
        'Rule priority, a unique whole number from 1 to 2147483647 (AWS applies rules from the lowest to the highest). ' +
          'Default: assigned in order of appearance; a tagStatus `any` rule last',
      ),
    description: z.string().max(512).optional().describe('The rule\'s description in the lifecycle policy (at most 512 characters).'),
    tagStatus: z
      .enum(['tagged', 'untagged', 'any'])
      .describe('Which images the rule selects: `tagged` (with tagPrefixes or tagPatterns), `untagged`, or `any` (evaluated last).'),
    tagPrefixes: z
      .array(z.string())
      .optional()
      .describe(
        '`tagged` only: images that have, for EVERY prefix listed, a tag starting with it (AND: [v, prod] selects only images tagged both v... and prod...). ' +
          'For "any of these prefixes", write one rule per prefix.',
      ),
    tagPatterns: z
      .array(z.string())
      .optional()
      .describe('`tagged` only: images that have, for EVERY pattern listed, a tag matching it (AND; at most 4 `*` each). For "any of", one rule per pattern.'),
    keepLast: z.number().optional().describe('Act on images beyond the newest N (countType imageCountMoreThan).'),
    expireAfterDays: z.number().optional().describe('Expire images pushed more than N days ago (countType sinceImagePushed, countUnit days).'),
    countType: z
      .string()
      .optional()
      .describe(
        'AWS\'s own field: imageCountMoreThan, sinceImagePushed, sinceImagePulled (action transition only) or sinceImageTransitioned ' +
          '(storageClass archive, action expire, at least 90 days); or use keepLast / expireAfterDays.',
      ),
    countNumber: z.number().optional().describe('AWS\'s own field: the count, a whole number from 1 to 2147483647.'),
    countUnit: z.string().optional().describe('AWS\'s own field: `days` for the since* count types, nothing for imageCountMoreThan.'),
    storageClass: z
      .string()
      .optional()
      .describe('The storage class the rule selects: `standard` (default) or `archive` (only with countType sinceImageTransitioned).'),
    action: z
      .string()
      .optional()
      .describe('`expire` (default: delete) or `transition` (move to the archive storage class; archived images cannot be pulled until restored).'),
  })
  .strict()
  .describe('A lifecycle rule: which images it selects (tagStatus, tag prefixes or patterns, storage class) and when they expire or are archived.');

export const lifecyclePresetName = z
  .enum(LIFECYCLE_PRESET_NAMES)
  .describe(
    `platform: untagged images expire after 7 days; the newest 20 images of EACH release prefix ${RELEASE_TAG_PREFIXES.map((prefix) => `${prefix}*`).join(', ')} are kept (one rule per prefix). ` +
      'application: the same with 3 days and the newest 10 of each. Images with other tags (commit SHAs) match no rule and are never expired. ' +
      'keep-last-10: keep the last 10 images of any kind. ' +
      'pull-through-cache: untagged expire after 1 day, keep the last 10 images.',
  );

export const lifecyclePolicy = z
  .union([
    z.object({ preset: lifecyclePresetName }).strict().describe('A named preset.'),
    z.object({ rules: z.array(lifecycleRule).min(1).describe('The rules, at least one. Rules without a priority are numbered in order, an `any` rule after all others.') }).strict().describe('Your own rules, checked against AWS\'s rules at synth time.'),
  ])
  .describe('A lifecycle policy: { preset: <name> } or { rules: [...] }.');

export type LifecycleRuleConfig = z.infer<typeof lifecycleRule>;
export type LifecyclePolicyConfig = z.infer<typeof lifecyclePolicy>;
export type LifecyclePresetName = z.infer<typeof lifecyclePresetName>;
