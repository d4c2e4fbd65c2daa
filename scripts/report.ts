// `npm run report [-- <output.md>]`: writes the access report for the configuration
// (PLATFORM_CONFIG, or the embedded example) to docs/access-report.md or the given path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/load';
import { ConfigError, formatProblem } from '../src/config/problems';
import { accessReport, DEFAULT_REPORT_PATH } from '../src/report';

async function main(args: readonly string[]): Promise<number> {
  const output = path.resolve(args[0] ?? DEFAULT_REPORT_PATH);
  const configPath = process.env.PLATFORM_CONFIG || undefined;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-'));
  try {
    const config = await loadConfig(configPath);
    const platform = buildApp(config, { outdir, skipValidation: true });
    platform.app.synth();
    const source = configPath ? `the configuration ${path.basename(configPath)}` : 'the embedded example configuration';
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, accessReport(platform, config, { source }));
    process.stdout.write(`Wrote ${path.relative(process.cwd(), output) || output}\n`);
    return 0;
  } catch (caught) {
    if (caught instanceof ConfigError) {
      caught.problems.forEach((problem) => process.stderr.write(`${formatProblem(problem)}\n`));
      process.stderr.write(`configuration ${configPath ?? '(embedded default)'} has ${caught.problems.length} problem(s); no report was written\n`);
    } else {
      process.stderr.write(`${(caught as Error).message ?? String(caught)}\n`);
    }
    return 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
