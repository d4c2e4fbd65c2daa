// `npm run report [-- <output.md>]`: the access report for the configuration (PLATFORM_CONFIG,
// or the embedded example): into README.md's report block, or as a whole file at the given path.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../app';
import { loadConfig } from '../config/load';
import { accessReport, embedReport, README_PATH } from '../report';
import { configurationSource, refusing, startCommand, type Command } from './command';
import { envValue, writeLine } from './io';

export const run: Command = async (argv, io) => {
  const output = path.resolve(argv[0] ?? README_PATH);
  const configPath = envValue(io, 'PLATFORM_CONFIG');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-'));
  try {
    return await refusing(configurationSource(configPath), 'no report was written', async () => {
      const config = await loadConfig(configPath);
      const platform = buildApp(config, { outdir, skipValidation: true });
      platform.app.synth();
      const source = configPath ? `the configuration ${path.basename(configPath)}` : 'the embedded example configuration';
      const report = accessReport(platform, config, { source });
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(output, argv[0] ? report : embedReport(fs.readFileSync(output, 'utf8'), report));
      writeLine(io.stdout, `Wrote ${path.relative(process.cwd(), output) || output}`);
      return 0;
    });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
};

if (require.main === module) startCommand('report', run);
