// `npm run deploy|destroy|diff -- [<stack>...] [cdktf options]`: the project's own cdktf CLI
// (node_modules/.bin/cdktf; `cdktf` is not on PATH after `npm ci`), with the flag cdktf wants
// for named stacks. cdktf refuses `deploy registry` while registry's dependency bootstrap is not
// in the command, and `destroy bootstrap` while its dependents are not: naming stacks means
// "these, the others are deployed already", so the command adds --ignore-missing-stack-dependencies.
// '*' (every stack) keeps cdktf's check. `diff` takes one stack and has no such check.
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { startCommand, type Command } from './command';
import { writeLine } from './io';

export const CDKTF_BIN = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'cdktf');
export const IGNORE_MISSING = '--ignore-missing-stack-dependencies';

/** cdktf options that take a value (`--var x=1`): the value is not a stack name. */
const VALUE_OPTIONS = new Set(['-a', '--app', '-o', '--output', '--var', '--var-file', '--parallelism', '--terraform-parallelism', '--outputs-file', '--log-level']);

/** The stack names among cdktf arguments. */
export function namedStacks(args: readonly string[]): string[] {
  const stacks: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    stacks.push(arg);
  }
  return stacks;
}

/** The cdktf command line for `npm run <subcommand> -- <args>`. */
export function cdktfArgs(subcommand: string, args: readonly string[]): string[] {
  const stacks = namedStacks(args);
  const wantsFlag = (subcommand === 'deploy' || subcommand === 'destroy') && stacks.length > 0 && !stacks.some((s) => s.includes('*'));
  return [subcommand, ...args, ...(wantsFlag && !args.includes(IGNORE_MISSING) ? [IGNORE_MISSING] : [])];
}

/** argv: the cdktf subcommand, then what the user passed after `--`. */
export const run: Command = async (argv, io) => {
  const [subcommand, ...args] = argv;
  if (!subcommand || !['deploy', 'destroy', 'diff'].includes(subcommand)) {
    writeLine(io.stderr, `cdktf: the subcommand must be deploy, destroy or diff, got ${JSON.stringify(subcommand ?? '')}`);
    return 2;
  }
  const command = cdktfArgs(subcommand, args);
  writeLine(io.stdout, `> cdktf ${command.join(' ')}`);
  // The terminal is cdktf's: it asks for approval (deploy, destroy) and draws its progress there.
  const child = spawn(CDKTF_BIN, command, { stdio: 'inherit', env: { ...io.env } });
  return new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
};

if (require.main === module) startCommand('cdktf', run);
