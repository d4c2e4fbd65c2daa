// Lints source texts as if they were files of the project, with the project's own
// eslint.config.mjs, through ESLint's Node API. Run by node, not inside jest: ESLint loads
// its flat config with import(), which jest's CommonJS sandbox cannot do.
// stdin: [{ "file": "src/domain/x.ts", "code": "..." }, ...]; stdout: one message list per text.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const { file, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  results.push(result.messages.map(({ ruleId, message, fatal }) => ({ ruleId, message, fatal: Boolean(fatal) })));
}
process.stdout.write(JSON.stringify(results));
