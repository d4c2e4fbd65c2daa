// Runs a command through the one entry point with a fake io: no process streams, and
// only the environment the test gives (PLATFORM_CONFIG, CDKTF_OUTDIR, ...).
import { runCommand, type Command } from '../../src/cli/command';
import type { CliIo } from '../../src/cli/io';

export interface CommandResult {
  readonly code: number;
  /** stdout as written. */
  readonly stdout: string;
  /** stdout and stderr, line by line. */
  readonly out: string[];
  readonly err: string[];
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export async function runCli(command: Command, argv: readonly string[] = [], env: Record<string, string | undefined> = {}, name = 'test'): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: { write: (text) => (stdout += text) }, stderr: { write: (text) => (stderr += text) }, env };
  const code = await runCommand(name, command, argv, io);
  return { code, stdout, out: lines(stdout), err: lines(stderr) };
}
