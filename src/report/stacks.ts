/**
 * The stacks, where each keeps its state, and the order they deploy in, read from
 * the synthesized backends and stack dependencies.
 */
import type { SynthesizedPlatform } from '../guardrails/synthesized';
import { stateBuckets } from '../guardrails/rules/state';

export interface StackSummary {
  readonly name: string;
  /** `s3`, `local`, ... */
  readonly backend: string;
  /** The S3 key, or the local path. */
  readonly stateKey: string;
  readonly bucket?: string;
  /** Stacks deployed before this one. */
  readonly dependencies: readonly string[];
  readonly resources: number;
  /** The state bucket this stack creates, if any. */
  readonly createsBucket?: string;
}

export function stackSummaries(platform: SynthesizedPlatform): StackSummary[] {
  const counts = new Map<string, number>();
  platform.elements.filter((e) => e.mode === 'resource').forEach((e) => counts.set(e.stack, (counts.get(e.stack) ?? 0) + 1));
  const created = new Map(stateBuckets(platform).map((s) => [s.bucket.stack, String(s.bucket.body.bucket)]));
  return platform.stacks.map((stack) => ({
    name: stack.name,
    backend: stack.backendType,
    stateKey: String(stack.backend.key ?? stack.backend.path ?? 'terraform.tfstate'),
    ...(typeof stack.backend.bucket === 'string' ? { bucket: stack.backend.bucket } : {}),
    dependencies: [...stack.dependencies],
    resources: counts.get(stack.name) ?? 0,
    ...(created.has(stack.name) ? { createsBucket: created.get(stack.name) } : {}),
  }));
}

function nodeId(name: string): string {
  return `stack_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * A mermaid flowchart: one node per stack (name and state key), an arrow from each stack to those
 * deployed after it, a thick arrow to the state bucket from the stack that creates it, dotted lines from the stacks that keep state in it.
 */
export function stackDiagram(stacks: readonly StackSummary[]): string {
  const lines = ['flowchart LR'];
  const buckets = [...new Set(stacks.flatMap((s) => [s.bucket, s.createsBucket]).filter((b): b is string => !!b))].sort();
  for (const stack of stacks) {
    const state = stack.backend === 's3' ? stack.stateKey : `${stack.backend} state: ${stack.stateKey}`;
    lines.push(`  ${nodeId(stack.name)}["<b>${stack.name}</b><br/>${state}"]`);
  }
  buckets.forEach((bucket, i) => lines.push(`  bucket_${i}[("s3://${bucket}")]`));
  for (const stack of stacks) {
    for (const dependency of [...stack.dependencies].sort()) lines.push(`  ${nodeId(dependency)} --> ${nodeId(stack.name)}`);
  }
  for (const stack of stacks) {
    if (stack.createsBucket) lines.push(`  ${nodeId(stack.name)} ==>|creates| bucket_${buckets.indexOf(stack.createsBucket)}`);
  }
  for (const stack of stacks) {
    if (stack.bucket) lines.push(`  ${nodeId(stack.name)} -.-|state| bucket_${buckets.indexOf(stack.bucket)}`);
  }
  return lines.join('\n');
}
