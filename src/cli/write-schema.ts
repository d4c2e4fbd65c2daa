// `npm run schema`: regenerates src/config/platform.schema.json from the zod schema.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderJsonSchema } from '../config/json-schema';

export const SCHEMA_PATH = path.join(__dirname, '..', 'config', 'platform.schema.json');

if (require.main === module) {
  fs.writeFileSync(SCHEMA_PATH, renderJsonSchema());
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
}
