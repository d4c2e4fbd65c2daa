/** Runs a child process without blocking the event loop (so several stacks or servers run side by side). */
import { spawn } from 'node:child_process';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Streams each output line here as well (`npm run local`). */
  readonly onLine?: (line: string) => void;
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const lines = (chunk: string) => {
      if (!options.onLine) return;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      parts.forEach((line) => options.onLine!(line));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      lines(chunk.toString());
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      lines(chunk.toString());
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (pending && options.onLine) options.onLine(pending);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** Like run, but a non-zero exit is an error carrying the output. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code} in ${options.cwd}:\n${result.stderr.slice(-6000)}\n${result.stdout.slice(-6000)}`);
  }
  return result;
}
