/**
 * `npm run bench`: median wall time and peak memory of the main synth, `npm run synth`
 * (esbuild transpiles main.ts and src/ to dist/, then node runs it), for the default
 * configuration and a generated one with 1,000 repositories. Prints a Markdown table for
 * the README. Not a test: numbers vary by machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseDocument, stringify } from 'yaml';
import { DEFAULT_CONFIG_PATH } from '../config/load';
import { startCommand, type Command } from './command';
import { writeLine, type CliIo } from './io';

const ROOT = path.resolve(__dirname, '..', '..');
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => fs.existsSync(p));

/** The example platform plus `count` more repositories spread over teams. */
export function generatedConfig(count: number): unknown {
  const config = parseDocument(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')).toJS();
  for (let i = 0; i < count; i++) {
    config.registry.repositories.push({ name: `team-${String(i % 20).padStart(2, '0')}/service-${String(i).padStart(4, '0')}` });
  }
  return config;
}

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

function runOnce(io: CliIo, configPath: string | undefined, outdir: string): Sample {
  const env = { ...io.env, CDKTF_OUTDIR: outdir, ...(configPath ? { PLATFORM_CONFIG: configPath } : {}) };
  if (!configPath) delete env.PLATFORM_CONFIG;
  // The whole npm script, npm's own start-up included: what a user waits for.
  const command = ['npm', 'run', '--silent', 'synth'];
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%M', ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  // GNU time reports the largest resident set of the process tree's biggest process (node).
  const kb = GNU_TIME ? Number(result.stderr.trim().split('\n').pop()) : NaN;
  return { seconds, maxRssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `npm run bench [-- <runs>]` (default 5 runs per configuration). */
export const run: Command = async (argv, io) => {
  const runs = Number(argv[0] ?? 5);
  const print = (line: string) => writeLine(io.stdout, line);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-bench-'));
  const large = path.join(dir, 'platform-1000.yaml');
  fs.writeFileSync(large, stringify(generatedConfig(1000)));
  const scenarios: Array<[string, string | undefined]> = [
    ['default configuration', undefined],
    ['default + 1,000 repositories', large],
  ];
  print(`\`npm run synth\` (every stack), median of ${runs} runs, ${os.cpus().length} CPUs, Node ${process.version}`);
  print('');
  print('| configuration | median wall time | peak memory (RSS) |');
  print('| --- | --- | --- |');
  for (const [name, configPath] of scenarios) {
    runOnce(io, configPath, path.join(dir, 'warmup')); // fills tsx's transform cache
    const samples = Array.from({ length: runs }, (_, i) => runOnce(io, configPath, path.join(dir, `out-${i}`)));
    const rss = samples.map((s) => s.maxRssMb).filter((v): v is number => v !== undefined);
    print(`| ${name} | ${median(samples.map((s) => s.seconds)).toFixed(2)} s | ${rss.length ? `${Math.round(Math.max(...rss))} MB` : 'n/a (no GNU time)'} |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return 0;
};

if (require.main === module) startCommand('bench', run);
