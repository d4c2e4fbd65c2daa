import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import { loadConfig } from '../config/load';
import { ConfigError } from '../config/problems';
import { buildApp } from '../app';
import { formatFinding, runGuardrails, synthesizedStacks } from '../guardrails';
import { iamLimitProblems } from '../guardrails/iam-limits';
import { iamQuotaSettings } from '../domain/iam/quotas';
import { configurationSource, refusing, type Command } from './command';
import { envValue, writeLine, type CliIo } from './io';

/** Every validation message of every construct in the tree, as "[path] message". */
export function collectValidationErrors(root: IConstruct): string[] {
  return root.node.findAll().flatMap((construct) => construct.node.validate().map((message) => `[${construct.node.path}] ${message}`));
}

/** Files `terraform init` leaves in a stack's folder; kept across synths so a re-synth needs no re-init. */
const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

function keepTerraformWorkingFiles(outdir: string, scratch: string): void {
  const stacks = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks)) {
    const target = path.join(scratch, 'stacks', stack);
    if (!fs.existsSync(target)) continue;
    for (const file of TERRAFORM_WORKING_FILES) {
      const source = path.join(stacks, stack, file);
      if (fs.existsSync(source)) fs.renameSync(source, path.join(target, file));
    }
  }
}

/** The scratch folder of a synth into `outdir`: beside it, named for the process that writes it. */
function scratchPattern(outdir: string): RegExp {
  const base = path.basename(outdir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // mkdtemp adds 6 characters; folders of earlier versions have no process ID.
  return new RegExp(`^\\.${base}-(?:(\\d+)-)?[A-Za-z0-9]{6}$`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (caught) {
    return (caught as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the scratch folders of synths into `outdir` that were interrupted (killed midway, so
 * their `finally` never ran): those whose process is gone. A synth still running keeps its own.
 */
export function removeInterruptedScratch(outdir: string): string[] {
  const parent = path.dirname(outdir);
  const pattern = scratchPattern(outdir);
  const removed: string[] = [];
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    const match = pattern.exec(name);
    if (!match || (match[1] && isRunning(Number(match[1])))) continue;
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * `npm run synth` (and cdktf's app command): the configuration named by PLATFORM_CONFIG (or
 * the embedded example) into CDKTF_OUTDIR (or cdktf.out). Arguments are ignored.
 */
export const run: Command = async (_argv, io) => {
  const configPath = envValue(io, 'PLATFORM_CONFIG');
  const outdir = envValue(io, 'CDKTF_OUTDIR') ?? 'cdktf.out';
  return refusing(configurationSource(configPath), 'nothing was synthesized', () => synthesize(configPath, outdir, io));
};

/**
 * Loads the configuration, synthesizes every stack into a scratch folder next to
 * `outdir`, checks constructs and guardrails, and only then replaces `outdir`.
 * Any problem: one line each on stderr, exit code 1, `outdir` untouched. Warnings: stdout.
 */
async function synthesize(configPath: string | undefined, outdirOption: string, io: CliIo): Promise<number> {
  const log = (line: string) => writeLine(io.stdout, line);
  const error = (line: string) => writeLine(io.stderr, line);
  const outdir = path.resolve(outdirOption);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  removeInterruptedScratch(outdir);
  const scratch = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}-${process.pid}-`));
  try {
    const config = await loadConfig(configPath);
    const platform = buildApp(config, { outdir: scratch, skipValidation: true });
    platform.app.synth();

    const invalid = [...collectValidationErrors(platform.app), ...iamLimitProblems(synthesizedStacks(platform.app), iamQuotaSettings(config.aws.iamQuotas))];
    const findings = runGuardrails(platform, config);
    // Warnings go to stdout: cdktf prints every stderr line of the app as [ERROR].
    findings.filter((f) => f.level === 'warning').forEach((f) => log(formatFinding(f)));
    const failures = [...invalid, ...findings.filter((f) => f.level === 'error').map(formatFinding)];
    if (failures.length) {
      failures.forEach((line) => error(line));
      error(`synth failed: ${failures.length} problem${failures.length === 1 ? '' : 's'}; ${path.basename(outdir)} was not changed`);
      return 1;
    }
    keepTerraformWorkingFiles(outdir, scratch);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
    fs.chmodSync(outdir, 0o755);
    log(`Synthesized ${platform.stacks.length} stacks into ${path.relative(process.cwd(), outdir) || outdir}: ${platform.stacks.map((s) => s.node.id).join(', ')}`);
    return 0;
  } catch (caught) {
    if (caught instanceof ConfigError) throw caught; // the entry point prints it
    // A construct refused its input: its message says what and why; a stack trace would only hide it.
    error((caught as Error).message ?? String(caught));
    error('synth failed; nothing was synthesized');
    return 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
