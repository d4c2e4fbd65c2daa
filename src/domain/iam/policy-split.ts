/**
 * Managed policies that stay within IAM's 6,144-character quota however many resources they
 * cover: the resources are packed, in order, into as few policies as fit. Limits and the way
 * IAM measures a policy (white space not counted): ./quotas.ts, with their source.
 */
import { IAM_QUOTAS, policyLength } from './quotas';

/**
 * Splits `resources` (sorted, without duplicates) into consecutive chunks whose rendered
 * policy, `render(chunk)`, is at most `limit` characters. One chunk when everything fits.
 * A single resource that does not fit on its own is a chunk of its own (the caller's size
 * check names it).
 */
export function packResources(render: (chunk: readonly string[]) => string, resources: readonly string[], limit: number = IAM_QUOTAS.managedPolicyLength): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const resource of resources) {
    const candidate = [...current, resource];
    if (current.length && policyLength(render(candidate)) > limit) {
      chunks.push(current);
      current = [resource];
    } else {
      current = candidate;
    }
  }
  if (current.length || !chunks.length) chunks.push(current);
  return chunks;
}

/** The name of the `index`-th policy of a split: the first keeps `base` (nothing is renamed or replaced), then base-2, base-3, ... */
export function splitPolicyName(base: string, index: number): string {
  return index === 0 ? base : `${base}-${index + 1}`;
}
