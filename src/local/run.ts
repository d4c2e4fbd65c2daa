/**
 * Runs a child process without blocking the event loop (so several stacks or servers run side
 * by side). Each child leads a process group of its own and is tracked until it exits, so a
 * run that is given up (a test's timeout, Ctrl-C in `npm run local`) can stop it together with
 * what it started (cdktf's terraform, terraform's provider) by its PID: `stopRunning()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';

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

const running = new Set<ChildProcess>();

/** Signals a child's process group (the child and everything it started). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * Stops every child still running (SIGTERM to its group, SIGKILL after `graceMs`) and waits
 * for them to exit. Terraform releases its state lock when it gets SIGTERM in time.
 */
export async function stopRunning(graceMs = 5000): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
          child.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          signalGroup(child, 'SIGTERM');
        }),
    ),
  );
}

export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
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
    child.on('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
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
