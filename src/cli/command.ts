/**
 * The one shape of every command: `run(argv, io) → exit code`, and the one entry point
 * that runs it. A configuration the command cannot use is printed here, once, in the form
 * every command shares (configErrorLines): one line per problem, then what was not done.
 */
import { ConfigError, configErrorLines } from '../config/problems';
import { processIo, writeLine, type CliIo } from './io';

/** A command: the arguments after the script name, the process it may touch; resolves to the exit code. */
export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** A configuration a command refused: its problems, where they were read from, and what was not done. */
export class ConfigRefused extends Error {
  constructor(
    readonly error: ConfigError,
    /** Names what was read: "configuration platform.yaml". */
    readonly source: string,
    /** What the command did not do because of it: "nothing was synthesized". */
    readonly consequence: string,
  ) {
    super(error.message);
    this.name = 'ConfigRefused';
  }
}

/** Runs `work`; a ConfigError it throws is refused as `source`, with `consequence`, for the entry point to print. */
export async function refusing<T>(source: string, consequence: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (caught) {
    if (caught instanceof ConfigError) throw new ConfigRefused(caught, source, consequence);
    throw caught;
  }
}

/** The configuration a command reads, as its messages name it. */
export function configurationSource(configPath: string | undefined): string {
  return `configuration ${configPath ?? '(embedded default)'}`;
}

/**
 * Runs a command. A refused configuration: its lines on stderr, exit 1. Anything else
 * thrown: its message as one line (no stack trace: it would only hide the message), exit 1.
 */
export async function runCommand(name: string, command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await command(argv, io);
  } catch (caught) {
    if (caught instanceof ConfigRefused) {
      configErrorLines(caught.error, caught.source, caught.consequence).forEach((line) => writeLine(io.stderr, line));
    } else if (caught instanceof ConfigError) {
      configErrorLines(caught, 'the configuration', `${name} did nothing`).forEach((line) => writeLine(io.stderr, line));
    } else {
      writeLine(io.stderr, `${name}: ${(caught as Error)?.message ?? String(caught)}`);
    }
    return 1;
  }
}

/** Runs a command as this process: its arguments, streams and environment; sets the exit code. */
export function startCommand(name: string, command: Command): void {
  void runCommand(name, command, process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
