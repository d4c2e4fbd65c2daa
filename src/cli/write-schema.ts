// `npm run schema`: regenerates src/config/platform.schema.json from the zod schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchema } from '../config/json-schema';
import { startCommand, type Command } from './command';
import { writeLine } from './io';

export const SCHEMA_PATH = path.join(__dirname, '..', 'config', 'platform.schema.json');

export const run: Command = async (_argv, io) => {
  fs.writeFileSync(SCHEMA_PATH, renderJsonSchema());
  writeLine(io.stdout, `Wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
  return 0;
};

if (require.main === module) startCommand('schema', run);
