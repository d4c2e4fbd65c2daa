/**
 * The stacks of a synthesized app (cdktf's manifest.json) in deploy order, and what each needs
 * to be planned: a cluster (the kubernetes provider, and aws_eks_cluster for an EKS cluster).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The parts of a stack's Terraform JSON the plan reads. */
export interface StackJson {
  readonly provider?: Record<string, Array<Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly import?: readonly unknown[];
}

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's folder (cdk.tf.json). */
  readonly dir: string;
  readonly dependencies: readonly string[];
  /** The stack's Terraform JSON. */
  readonly json: StackJson;
}

/** Every stack of the manifest, dependencies first (ties by name, so the order is always the same). */
export function stacksInDeployOrder(outdir: string): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { name: string; dependencies?: string[]; workingDirectory: string; synthesizedStackPath: string }>;
  };
  const entries = Object.values(manifest.stacks).sort((a, b) => a.name.localeCompare(b.name));
  const ordered: SynthesizedStack[] = [];
  const placed = new Set<string>();
  while (ordered.length < entries.length) {
    const next = entries.find((e) => !placed.has(e.name) && (e.dependencies ?? []).every((d) => placed.has(d)));
    if (!next) throw new Error(`the stacks' dependencies form a cycle: ${entries.filter((e) => !placed.has(e.name)).map((e) => e.name).join(', ')}`);
    placed.add(next.name);
    ordered.push({
      name: next.name,
      dir: path.join(outdir, next.workingDirectory),
      dependencies: next.dependencies ?? [],
      json: JSON.parse(fs.readFileSync(path.join(outdir, next.synthesizedStackPath), 'utf8')),
    });
  }
  return ordered;
}

/** What a stack needs besides AWS to be planned: undefined, or a sentence naming the cluster and how it is reached. */
export function clusterNeed(stack: SynthesizedStack): { readonly what: string; readonly readsAws: boolean } | undefined {
  const kubernetes = stack.json.provider?.kubernetes;
  if (!kubernetes?.length) return undefined;
  const eks = Object.values(stack.json.data?.aws_eks_cluster ?? {}).map((d) => String(d.name));
  if (eks.length) return { what: `EKS cluster ${eks.join(', ')} (read through aws_eks_cluster)`, readsAws: true };
  const [provider] = kubernetes;
  const where = [provider.config_path, provider.config_context].filter(Boolean).join(', context ');
  return { what: `a Kubernetes cluster${where ? ` (kubeconfig ${where})` : ''}`, readsAws: false };
}
