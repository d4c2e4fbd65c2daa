// `npm run plan [-- <stack>...] [--offline] [--markdown[=<file>]] [--allow-destroy]`: synthesizes,
// then `terraform init` and `plan` of each stack in deploy order, and prints what each plan does
// (import, add, change, replace, destroy; replacements and destroys by address). Exit code 1 when a
// plan would destroy or replace a repository, a KMS key, the OIDC provider or the state bucket
// (src/domain/terraform/irreplaceable.ts) unless --allow-destroy, or when a stack cannot be planned.
// A stack that needs a cluster it cannot reach is reported as skipped, with the reason.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run as synth } from './synth';
import { startCommand, type Command } from './command';
import { envValue, writeLine, type CliIo } from './io';
import { run as runProcess } from '../local/run';
import { AWS_PROVIDER, NO_MIRROR_MESSAGE, terraformCliConfig } from '../local/terraform-mirror';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from '../local/offline';
import { clusterNeed, stacksInDeployOrder, type SynthesizedStack } from '../plan/stacks';
import { errorText, readPlanStream, UnknownPlanAction, type StreamedPlan } from '../plan/stream';
import { summarizePlan } from '../plan/summary';
import { renderMarkdown, renderText, verdict, type PlanReport, type StackOutcome } from '../plan/render';

export const DEFAULT_MARKDOWN_FILE = 'plan-summary.md';

export interface PlanOptions {
  readonly stacks: readonly string[];
  readonly offline: boolean;
  readonly markdown?: string;
  readonly allowDestroy: boolean;
}

export function parsePlanArgs(argv: readonly string[]): PlanOptions | string {
  const stacks: string[] = [];
  let offline = false;
  let allowDestroy = false;
  let markdown: string | undefined;
  for (const arg of argv) {
    if (arg === '--offline') offline = true;
    else if (arg === '--allow-destroy') allowDestroy = true;
    else if (arg === '--markdown') markdown = DEFAULT_MARKDOWN_FILE;
    else if (arg.startsWith('--markdown=')) markdown = arg.slice('--markdown='.length) || DEFAULT_MARKDOWN_FILE;
    else if (arg.startsWith('-')) return `unknown option ${arg}; usage: npm run plan -- [<stack>...] [--offline] [--markdown[=<file>]] [--allow-destroy]`;
    else stacks.push(arg);
  }
  return { stacks, offline, markdown, allowDestroy };
}

/** The first `Error: ...` line of terraform's output, or its last line. */
function terraformError(output: string): string {
  const lines = output.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim()).filter(Boolean);
  return lines.find((l) => l.startsWith('Error: ')) ?? lines[lines.length - 1] ?? 'no output';
}

/** Whether a failed init or plan failed on the cluster (the kubernetes provider, aws_eks_cluster, the kubeconfig). */
function failedOnCluster(output: string): boolean {
  return /kubernetes|aws_eks_cluster|kubeconfig|eks/i.test(output);
}

interface StackRun {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly planFile: string;
  readonly offline: boolean;
}

async function planStack(stack: SynthesizedStack, run: StackRun): Promise<StackOutcome> {
  const need = clusterNeed(stack);
  if (need && need.readsAws && run.offline) {
    return { stack: stack.name, status: 'skipped', reason: `needs the ${need.what}; an offline plan has no AWS to read it from` };
  }
  if (run.offline && stack.json.import?.length) {
    return { stack: stack.name, status: 'skipped', reason: `imports ${stack.json.import.length} existing resource${stack.json.import.length === 1 ? '' : 's'} (adopt), which a plan reads from AWS; an offline plan has none` };
  }
  const terraform = (args: string[]) => runProcess('terraform', [...args, '-no-color'], { cwd: run.dir, env: run.env });
  const fail = (step: string, output: string): StackOutcome =>
    need && failedOnCluster(output)
      ? { stack: stack.name, status: 'skipped', reason: `needs the ${need.what}, not reachable: ${terraformError(output)}` }
      : { stack: stack.name, status: 'failed', reason: `terraform ${step}: ${terraformError(output)}` };

  const init = await terraform(['init', '-input=false']);
  if (init.code !== 0) return fail('init', `${init.stderr}\n${init.stdout}`);
  // -json: the changes are read from the plan's own stream (./plan/stream.ts), not from a
  // `show -json` of the saved plan, which would start the provider once more.
  const planArgs = ['plan', '-json', '-input=false', `-out=${run.planFile}`, ...(run.offline ? ['-refresh=false', '-lock=false'] : [])];
  const plan = await terraform(planArgs);
  let streamed: StreamedPlan;
  try {
    streamed = readPlanStream(plan.stdout);
  } catch (error) {
    if (error instanceof UnknownPlanAction) return fail('plan', error.message);
    throw error;
  }
  if (plan.code !== 0) return fail('plan', `${plan.stderr}\n${errorText(streamed.diagnostics)}`);
  return { stack: stack.name, status: 'planned', summary: summarizePlan({ resource_changes: streamed.resourceChanges }) };
}

/** Runs `work` on every item, at most `limit` at once, keeping the results in order. */
async function inOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The CLI config of an offline plan: the provider mirror's, or, where there is none (a CI runner),
 * Terraform's own (TF_CLI_CONFIG_FILE or none), which installs the provider from the registry.
 */
function offlineCliConfig(io: CliIo, work: string): string {
  try {
    return terraformCliConfig({ env: io.env }, work).file;
  } catch (caught) {
    if ((caught as Error).message !== NO_MIRROR_MESSAGE) throw caught;
    writeLine(io.stdout, `no provider mirror found: terraform installs ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} from the registry`);
    return io.env.TF_CLI_CONFIG_FILE ?? '';
  }
}

async function planAll(options: PlanOptions, outdir: string, io: CliIo): Promise<number> {
  const all = stacksInDeployOrder(outdir);
  const unknown = options.stacks.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length) {
    writeLine(io.stderr, `plan: no stack ${unknown.map((n) => JSON.stringify(n)).join(', ')}; the stacks are ${all.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const selected = options.stacks.length ? all.filter((s) => options.stacks.includes(s.name)) : all;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-plan-'));
  try {
    const baseEnv = { ...io.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
    const env = options.offline ? offlineEnv(io.env, offlineCliConfig(io, work)) : baseEnv;
    const outcomes = await inOrder(selected, options.offline ? os.availableParallelism() : 1, async (stack) => {
      writeLine(io.stdout, `${stack.name}: terraform init and plan${options.offline ? ' (offline)' : ''}`);
      let dir = stack.dir;
      if (options.offline) {
        // A copy of the stack with the override beside it: cdktf.out stays as synthesized.
        dir = path.join(work, stack.name);
        fs.mkdirSync(dir);
        fs.copyFileSync(path.join(stack.dir, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
        fs.writeFileSync(path.join(dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(stack.json), null, 2));
      }
      return planStack(stack, { dir, env, offline: options.offline, planFile: path.join(work, `${stack.name}.tfplan`) });
    });
    const report: PlanReport = { mode: options.offline ? 'offline' : 'online', outcomes, allowDestroy: options.allowDestroy };
    writeLine(io.stdout, '');
    renderText(report).forEach((line) => writeLine(io.stdout, line));
    if (options.markdown) {
      fs.writeFileSync(options.markdown, renderMarkdown(report));
      writeLine(io.stdout, `Wrote ${options.markdown}`);
    }
    const problems = verdict(report);
    problems.forEach((line) => writeLine(io.stderr, line));
    return problems.length ? 1 : 0;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const run: Command = async (argv, io) => {
  const options = parsePlanArgs(argv);
  if (typeof options === 'string') {
    writeLine(io.stderr, `plan: ${options}`);
    return 2;
  }
  const synthesized = await synth([], io);
  if (synthesized !== 0) return synthesized;
  return planAll(options, path.resolve(envValue(io, 'CDKTF_OUTDIR') ?? 'cdktf.out'), io);
};

if (require.main === module) startCommand('plan', run);
