import { z } from 'zod';

export const suppression = z
  .object({
    /** Rule ID, e.g. ECR-003. */
    rule: z.string().min(1),
    /** Construct path (or the stack/resource path printed in the finding). */
    resource: z.string().min(1),
    /** Why this is acceptable. Required: suppressions without reasons rot. */
    reason: z.string(),
  })
  .strict();

export const guardrails = z
  .object({
    suppressions: z.array(suppression).default([]),
  })
  .strict();

export type GuardrailsConfig = z.infer<typeof guardrails>;
