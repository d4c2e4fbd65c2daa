import { z } from 'zod';

export const suppression = z
  .object({
    rule: z
      .string()
      .regex(/^[A-Z0-9]+-\d{3}$/, { message: 'must be a rule ID such as ECR-003' })
      .describe('Rule ID, e.g. ECR-003 (README: Guardrails lists them).'),
    resource: z
      .string()
      .min(1)
      .describe('Resource path as the finding prints it, e.g. registry/repo-legacy/repository; `*` matches any characters.'),
    reason: z
      .string()
      .refine((reason) => reason.trim().length > 0, { message: 'must say why the finding is acceptable, got an empty reason' })
      .describe('Why this is acceptable. Required: suppressions without reasons rot.'),
  })
  .strict()
  .describe('A guardrail finding accepted on purpose, with the reason.');

export const guardrails = z
  .object({
    suppressions: z
      .array(suppression)
      .default([])
      .describe('Findings accepted on purpose. One that matches no finding fails the synth (GUARD-002).'),
  })
  .strict()
  .describe('Settings of the guardrails that check the synthesized stacks on every synth.');

export type GuardrailsConfig = z.infer<typeof guardrails>;
