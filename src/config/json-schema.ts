import { z } from 'zod';
import { platformConfig } from './schema';

/**
 * The configuration's JSON Schema, for editors: YAML files that start with
 * `# yaml-language-server: $schema=<path>/platform.schema.json` get completion and checks.
 * Generated from the zod schema (input side: fields with defaults are optional); the
 * `.describe()` texts in src/config/schema become `description`, which editors show on hover.
 */
export function platformJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(platformConfig, { io: 'input', unrepresentable: 'any' }),
    title: 'ECR platform configuration',
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(platformJsonSchema(), null, 2)}\n`;
}
