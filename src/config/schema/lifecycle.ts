import { z } from 'zod';

/**
 * One lifecycle rule as written in the configuration. The typed shorthands
 * `keepLast` (imageCountMoreThan) and `expireAfterDays` (sinceImagePushed, days)
 * cover almost every policy; the raw AWS fields are accepted too, and both are
 * checked against AWS's rules at synth time (src/constructs/ecr/lifecycle-rules.ts).
 * Numbers and AWS's strings are deliberately loose here: the checks say what is
 * wrong with a rule in AWS's terms, naming the repository and the rule.
 */
export const lifecycleRule = z
  .object({
    /** Rule priority (AWS applies rules from the lowest to the highest). @default assigned in order of appearance; a tagStatus `any` rule last */
    priority: z.number().optional(),
    description: z.string().max(512).optional(),
    tagStatus: z.enum(['tagged', 'untagged', 'any']),
    /** `tagged` only: images with a tag starting with every one of these prefixes. */
    tagPrefixes: z.array(z.string()).optional(),
    /** `tagged` only: images with a tag matching every one of these patterns (at most 4 `*` each). */
    tagPatterns: z.array(z.string()).optional(),
    /** Expire images beyond the newest N (countType imageCountMoreThan). */
    keepLast: z.number().optional(),
    /** Expire images pushed more than N days ago (countType sinceImagePushed, countUnit days). */
    expireAfterDays: z.number().optional(),
    /** AWS's own field: imageCountMoreThan or sinceImagePushed. */
    countType: z.string().optional(),
    /** AWS's own field: the count. */
    countNumber: z.number().optional(),
    /** AWS's own field: `days` for sinceImagePushed, nothing for imageCountMoreThan. */
    countUnit: z.string().optional(),
  })
  .strict();

export const lifecyclePresetName = z.enum(['platform', 'application', 'keep-last-10', 'pull-through-cache']);

export const lifecyclePolicy = z.union([
  z.object({ preset: lifecyclePresetName }).strict(),
  z.object({ rules: z.array(lifecycleRule).min(1) }).strict(),
]);

export type LifecycleRuleConfig = z.infer<typeof lifecycleRule>;
export type LifecyclePolicyConfig = z.infer<typeof lifecyclePolicy>;
export type LifecyclePresetName = z.infer<typeof lifecyclePresetName>;
