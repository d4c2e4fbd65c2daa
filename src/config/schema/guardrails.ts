import { z } from 'zod';
import { suppressionReasonProblem, suppressionResourceProblem } from '../../domain/suppression-rules';

export const suppression = z
  .object({
    rule: z
      .string()
      // One rule: an ID, never a list or a pattern.
      .regex(/^[A-Z0-9]+-\d{3}$/, { message: 'must be a rule ID such as ECR-003' })
      .describe('Rule ID, e.g. ECR-003 (README: Guardrails lists them).'),
    resource: z
      .string()
      .superRefine((resource, context) => {
        const message = suppressionResourceProblem(resource);
        if (message) context.addIssue({ code: 'custom', message, input: resource });
      })
      .describe('The one resource, by its path exactly as the finding prints it, e.g. registry/repo-legacy/repository (no * or ?).'),
    reason: z
      .string()
      .superRefine((reason, context) => {
        const message = suppressionReasonProblem(reason);
        if (message) context.addIssue({ code: 'custom', message, input: reason });
      })
      .describe('Why this is acceptable, as a sentence (at least 20 visible characters, 3 words). Required: suppressions without reasons rot.'),
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
