/**
 * What a command may touch of its process: the two output streams and the environment.
 * `processIo()` hands over the real ones; tests pass a fake and read what was written.
 * Only src/cli (and main.ts) read process.env: everything below gets values passed in.
 */
export interface Writer {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Writes one line (the newline added). */
export function writeLine(writer: Writer, line: string): void {
  writer.write(`${line}\n`);
}

/** The environment variable, or undefined when it is unset or empty (as a shell's `X= npm run synth` leaves it). */
export function envValue(io: CliIo, name: string): string | undefined {
  return io.env[name] || undefined;
}
