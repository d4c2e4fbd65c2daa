// `npm run init-config -- <file> [--force]`: writes a copy of the example configuration to <file>,
// with its `$schema` comment pointing at src/config/platform.schema.json as seen from where the
// copy lands, so editor completion keeps working (a plain `cp` keeps `./platform.schema.json`,
// which is only next to the example itself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../config/load';
import { SCHEMA_PATH } from './write-schema';
import { startCommand, type Command } from './command';
import { writeLine } from './io';

const SCHEMA_COMMENT = /^# yaml-language-server: \$schema=.*$/m;

/** The example's text with its `$schema` comment resolved from `target`'s folder (forward slashes, as YAML language servers read it). */
export function exampleFor(target: string): string {
  const relative = path.relative(path.dirname(path.resolve(target)), SCHEMA_PATH).split(path.sep).join('/');
  const schema = relative.startsWith('.') ? relative : `./${relative}`;
  return fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8').replace(SCHEMA_COMMENT, `# yaml-language-server: $schema=${schema}`);
}

export const run: Command = async (argv, io) => {
  const force = argv.includes('--force');
  const targets = argv.filter((a) => a !== '--force');
  if (targets.length !== 1 || targets[0].startsWith('-')) {
    writeLine(io.stderr, 'init-config: usage: npm run init-config -- <file> [--force], e.g. npm run init-config -- platform.yaml');
    return 2;
  }
  const target = path.resolve(targets[0]);
  if (fs.existsSync(target) && !force) {
    writeLine(io.stderr, `init-config: ${targets[0]} exists; nothing was written (--force replaces it)`);
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const text = exampleFor(target);
  fs.writeFileSync(target, text);
  writeLine(io.stdout, `Wrote ${targets[0]} (${SCHEMA_COMMENT.exec(text)![0].slice(2)}); synthesize it with: PLATFORM_CONFIG=${targets[0]} npm run synth`);
  return 0;
};

if (require.main === module) startCommand('init-config', run);
