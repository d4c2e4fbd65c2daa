/**
 * terraform.tfvars files of existing setups as a platform configuration (issue #8).
 *
 * The file is parsed as HCL, its layout recognised by the variables only that layout
 * has, each variable read with its Terraform type, and the layout translated into
 * the configuration. The configuration is then validated like any YAML, and every
 * problem is pointed back at the variable it came from:
 *   terraform.tfvars: repository_names must be a list of strings, got "x"
 *
 * A tfvars file cannot know everything the platform needs (the account ID, for one):
 * such values are variables too (account_id, ...), added to the file or passed as
 * options (the CLI's `-var name=value`). Pure: no environment, no file system.
 */
import { ConfigError } from '../problems';
import { show, type Problem } from '../../domain/problem';
import type { PlatformConfigInput } from '../schema';
import { parseConfig } from '../validate';
import type { YamlComment } from '../to-yaml';
import { parseTfvars, type TfvarsValues } from './tfvars/hcl';
import { LAYOUTS, hintFor, type LayoutId, type TfvarsLayout } from './tfvars/layouts';
import { problemsFromTfvarsIssues } from './tfvars/types';
import { TranslationNotes } from './tfvars/translation';

export { parseTfvars, parseVarOption } from './tfvars/hcl';
export { LAYOUTS, type LayoutId } from './tfvars/layouts';

export interface TfvarsOptions {
  /**
   * Variables set besides the file's, as Terraform's `-var` sets them: they win over
   * the file. For the values a tfvars file lacks (account_id, project, ...).
   */
  readonly variables?: Readonly<Record<string, unknown>>;
}

export interface TfvarsTranslation {
  readonly layout: LayoutId;
  /** The layout as messages name it: `global/repos-ecr`. */
  readonly layoutName: string;
  /** The configuration as written (before defaults); it passed validation. */
  readonly config: PlatformConfigInput;
  /** What the YAML rendering should explain, by configuration path. */
  readonly comments: readonly YamlComment[];
}

/** Turns a terraform.tfvars file of one of the supported layouts into a configuration (issue #8). */
export async function tfvarsToConfig(text: string, fileName: string, options: TfvarsOptions = {}): Promise<PlatformConfigInput> {
  return (await translateTfvars(text, fileName, options)).config;
}

/** Like tfvarsToConfig, with the layout and the comments a YAML rendering needs. Throws ConfigError with every problem found. */
export async function translateTfvars(text: string, fileName: string, options: TfvarsOptions = {}): Promise<TfvarsTranslation> {
  const values: TfvarsValues = { ...(await parseTfvars(text, fileName)), ...(options.variables ?? {}) };
  const layout = detectLayout(values, fileName);

  const problems: Problem[] = Object.keys(values)
    .filter((name) => !(name in layout.variables.shape))
    .map((name) => ({
      path: fileName,
      message: `unknown variable ${show(name)}; known variables for the ${layout.name} layout: ${Object.keys(layout.variables.shape).join(', ')}`,
    }));
  const known = Object.fromEntries(Object.entries(values).filter(([name]) => name in layout.variables.shape));
  const typed = layout.variables.safeParse(known, { reportInput: true });
  if (!typed.success) problems.push(...problemsFromTfvarsIssues(fileName, typed.error.issues, layout.variables, hintFor));
  for (const list of ['repository_names', 'github_repos']) {
    for (const { index, value } of duplicates(typed.data?.[list] as string[] | undefined)) {
      problems.push({ path: fileName, message: `${list}[${index}] must be listed once, got ${show(value)} again` });
    }
  }
  if (problems.length || !typed.data) throw new ConfigError(problems);

  const notes = new TranslationNotes();
  const config = layout.translate(typed.data, notes);
  try {
    parseConfig(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(error.problems.map((problem) => pointAtVariable(problem, notes, fileName)));
  }
  return { layout: layout.id, layoutName: layout.name, config, comments: notes.comments };
}

/** The layout whose own variables the file sets; a file that sets those of two layouts describes no one setup. */
function detectLayout(values: TfvarsValues, fileName: string): TfvarsLayout {
  const names = Object.keys(values);
  const matches = LAYOUTS.map((layout) => ({ layout, found: layout.signature.filter((name) => names.includes(name)) })).filter((m) => m.found.length);
  if (matches.length === 1) return matches[0].layout;
  if (matches.length === 0) {
    throw new ConfigError([
      {
        path: fileName,
        message:
          `is not one of the supported tfvars layouts; expected the variables of one of: ${LAYOUTS.map((l) => l.title).join('; ')}` +
          `, got ${names.length ? names.join(', ') : 'no variables'}`,
      },
    ]);
  }
  throw new ConfigError([
    {
      path: fileName,
      message: `mixes the variables of several layouts (${matches.map((m) => `${m.found.join(', ')} of ${m.layout.name}`).join('; ')}); a file describes one setup`,
    },
  ]);
}

/** A problem the configuration checks found, told in terms of the tfvars variable the value came from. */
function pointAtVariable(problem: Problem, notes: TranslationNotes, fileName: string): Problem {
  const variable = notes.variableFor(problem.path);
  return variable
    ? { path: fileName, message: `${variable} ${problem.message}` }
    : { path: fileName, message: `(translated to ${problem.path}) ${problem.message}` };
}

/** Repeated entries in a list variable are mistakes: report each with its index. */
function duplicates(values: readonly string[] = []): { index: number; value: string }[] {
  return values.flatMap((value, index) => (values.indexOf(value) !== index ? [{ index, value }] : []));
}
