// `npm run report [-- <output.md>]`: the access report for the configuration (PLATFORM_CONFIG,
// or the embedded example): into README.md's report block, or as a whole file at the given path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../app';
import { loadConfig } from '../config/load';
import { ConfigError, configErrorLines } from '../config/problems';
import { accessReport, embedReport, README_PATH } from '../report';

async function main(args: readonly string[]): Promise<number> {
  const output = path.resolve(args[0] ?? README_PATH);
  const configPath = process.env.PLATFORM_CONFIG || undefined;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-'));
  try {
    const config = await loadConfig(configPath);
    const platform = buildApp(config, { outdir, skipValidation: true });
    platform.app.synth();
    const source = configPath ? `the configuration ${path.basename(configPath)}` : 'the embedded example configuration';
    const report = accessReport(platform, config, { source });
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, args[0] ? report : embedReport(fs.readFileSync(output, 'utf8'), report));
    process.stdout.write(`Wrote ${path.relative(process.cwd(), output) || output}\n`);
    return 0;
  } catch (caught) {
    if (caught instanceof ConfigError) {
      configErrorLines(caught, `configuration ${configPath ?? '(embedded default)'}`, 'no report was written').forEach((line) => process.stderr.write(`${line}\n`));
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
