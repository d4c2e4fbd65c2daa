import { z } from 'zod';

/**
 * One lifecycle rule as written in the configuration. The typed shorthands
 * `keepLast` (imageCountMoreThan) and `expireAfterDays` (sinceImagePushed, days)
 * cover almost every policy; the raw AWS fields are accepted too, and both are
 * checked against AWS's rules at synth time (src/constructs/ecr/lifecycle-rules.ts).
 */
export const lifecycleRule = z
  .object({
    /** Rule priority; assigned in order of appearance when omitted. */
    priority: z.number().int().optional(),
    description: z.string().max(512).optional(),
    tagStatus: z.enum(['tagged', 'untagged', 'any']),
    tagPrefixes: z.array(z.string()).optional(),
    tagPatterns: z.array(z.string()).optional(),
    keepLast: z.number().optional(),
    expireAfterDays: z.number().optional(),
    countType: z.string().optional(),
    countNumber: z.number().optional(),
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
