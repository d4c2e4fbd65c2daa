import { z } from 'zod';

export const suppression = z
  .object({
    /** Rule ID, e.g. ECR-003 (README: Guardrails lists them). */
    rule: z.string().regex(/^[A-Z0-9]+-\d{3}$/, { message: 'must be a rule ID such as ECR-003' }),
    /** Resource path as the finding prints it, e.g. registry/repo-legacy/repository; `*` matches any characters. */
    resource: z.string().min(1),
    /** Why this is acceptable. Required: suppressions without reasons rot. */
    reason: z.string().refine((reason) => reason.trim().length > 0, { message: 'must say why the finding is acceptable, got an empty reason' }),
  })
  .strict();

export const guardrails = z
  .object({
    /** Findings accepted on purpose. One that matches no finding fails the synth (GUARD-002). */
    suppressions: z.array(suppression).default([]),
  })
  .strict();

export type GuardrailsConfig = z.infer<typeof guardrails>;
