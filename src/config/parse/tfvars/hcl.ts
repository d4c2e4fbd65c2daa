/**
 * Reads a terraform.tfvars file into plain values with @cdktf/hcl2json (HashiCorp's
 * own HCL parser, compiled to WebAssembly), so every HCL form Terraform reads
 * (heredocs, objects, comments) parses the same way here.
 */
import { parse } from '@cdktf/hcl2json';
import { ConfigError, formatPath } from '../../problems';
import { type Problem } from '../../../domain/problem';

/** Variable name -> value. `null` values are dropped: in Terraform they mean "use the default". */
export type TfvarsValues = Record<string, unknown>;

/** Parses the text of a tfvars file. Syntax errors name the line and column; a file with mistakes throws ConfigError. */
export async function parseTfvars(text: string, fileName: string): Promise<TfvarsValues> {
  let parsed: Record<string, unknown>;
  try {
    parsed = (await parse(fileName, text)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError([syntaxProblem(String((error as Error).message ?? error), fileName)]);
  }
  const blocks = findBlocks(text, parsed);
  const problems: Problem[] = blocks.map(({ name, line }) => ({
    path: `${fileName}:${line}`,
    message: `${name} is a block; a tfvars file only sets variables: write ${name} = { ... }`,
  }));
  const values: TfvarsValues = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (blocks.some((block) => block.name === name)) continue;
    const literal = literalValue(value, [name], fileName, problems);
    if (literal !== null) values[name] = literal;
  }
  if (problems.length) throw new ConfigError(problems);
  return values;
}

/**
 * A `-var 'name=value'` option, read as Terraform reads it: the value is a plain
 * string unless it starts like an HCL list, object or quoted string.
 */
export async function parseVarOption(option: string): Promise<[string, unknown]> {
  const match = /^([A-Za-z_][\w-]*)=([\s\S]*)$/.exec(option);
  if (!match) {
    throw new ConfigError([{ path: '-var', message: `must be name=value, got ${JSON.stringify(option)}` }]);
  }
  const [, name, raw] = match;
  if (!/^\s*[[{"]/.test(raw)) return [name, raw];
  const values = await parseTfvars(`${name} = ${raw}\n`, `-var ${name}`);
  return [name, values[name]];
}

/** `parse config: [file:2,3-4: Missing item separator; Expected a comma ...]` -> `file:2:3: is not valid HCL: ...` */
function syntaxProblem(message: string, fileName: string): Problem {
  const body = message.replace(/^(Error: )?parse config: \[/, '').replace(/\]$/, '');
  const located = body.startsWith(`${fileName}:`) ? /^:(\d+),(\d+)(?:-[\d,]+)?: ([\s\S]*)$/.exec(body.slice(fileName.length)) : null;
  if (!located) return { path: fileName, message: `is not valid HCL: ${body}` };
  const [, line, column, detail] = located;
  return { path: `${fileName}:${line}:${column}`, message: `is not valid HCL: ${detail.replace(/, and \d+ other diagnostic\(s\)$/, '')}` };
}

/**
 * Terraform refuses blocks (`name { ... }`) in a tfvars file, but the parser reads
 * them as lists of objects; name them instead of reporting a confusing type.
 */
function findBlocks(text: string, parsed: Record<string, unknown>): { name: string; line: number }[] {
  return text.split('\n').flatMap((line, index) => {
    const block = /^\s*([A-Za-z_][\w-]*)(\s+("[^"]*"|[A-Za-z_][\w-]*))*\s*\{/.exec(line);
    return block && Array.isArray(parsed[block[1]]) ? [{ name: block[1], line: index + 1 }] : [];
  });
}

/**
 * tfvars values are literals: a reference such as `var.x` or `"${local.y}"` is an
 * error in Terraform, and the parser hands it back as "${...}" text. `$${` is HCL's
 * escape for a literal `${`.
 */
function literalValue(value: unknown, path: PropertyKey[], fileName: string, problems: Problem[]): unknown {
  if (typeof value === 'string') {
    if (/(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value)) {
      problems.push({ path: fileName, message: `${formatPath(path)} refers to ${JSON.stringify(value)}; a tfvars file holds literal values only` });
      return value;
    }
    return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  }
  if (Array.isArray(value)) return value.map((item, index) => literalValue(item, [...path, index], fileName, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, literalValue(item, [...path, key], fileName, problems)]));
  }
  return value;
}
