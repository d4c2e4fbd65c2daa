/**
 * What a repository gets when neither it nor registry.defaults sets a value: the one home of
 * these defaults. The resolve step applies them (src/config/model.ts) and the schema's
 * descriptions say them (`Default: ...`, rendered from here), so the two never drift apart.
 * Production repositories are IMMUTABLE regardless (model.ts): only the repository itself can say otherwise.
 */
import type { Encryption } from '../../domain/ecr/encryption-rules';
import type { LifecyclePolicy } from '../../domain/ecr/lifecycle-rules';

export const REPOSITORY_DEFAULTS = {
  tagMutability: 'MUTABLE',
  scanOnPush: true,
  encryption: { type: 'AES256' } as Encryption,
  forceDelete: false,
  lifecyclePolicy: { preset: 'application' } as LifecyclePolicy,
  adopt: false,
} as const;

/** A default as the descriptions write it: `true`, `MUTABLE`, `{ type: AES256 }`. */
export function describeDefault(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, inner]) => `${key}: ${describeDefault(inner)}`).join(', ')} }`;
  }
  return String(value);
}
