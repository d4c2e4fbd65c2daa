import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { platformConfig, type PlatformConfig } from './schema';
import { ConfigError, problemsFromZod } from './problems';
import { type Problem } from '../domain/problem';
import { checkConfig } from './checks';

/** The example platform, used when no configuration file is named. */
export const DEFAULT_CONFIG_PATH = path.join(__dirname, 'default.platform.yaml');

/**
 * Validates a configuration object: the schema first (shape, types, unknown keys),
 * then the cross-field checks. Throws ConfigError with every problem found.
 */
export function parseConfig(raw: unknown): PlatformConfig {
  const result = platformConfig.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(problemsFromZod(result.error.issues, platformConfig));
  const problems = checkConfig(result.data);
  if (problems.length) throw new ConfigError(problems);
  return result.data;
}

/** Parses the text of a YAML or JSON file; syntax errors name the line. */
export function parseConfigText(text: string, fileName: string): unknown {
  if (/\.json$/i.test(fileName)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError([{ path: fileName, message: `is not valid JSON: ${(error as Error).message}` }]);
    }
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length) {
    throw new ConfigError(
      document.errors.map((error) => ({
        path: `${fileName}${error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : ''}`,
        message: `is not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  return document.toJS();
}

/** Reads a YAML, JSON or terraform.tfvars file; without a path, the embedded default. */
export async function loadConfig(file?: string): Promise<PlatformConfig> {
  const fileName = file ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = fs.readFileSync(fileName, 'utf8');
  } catch (error) {
    throw new ConfigError([{ path: fileName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  if (/\.tfvars$/i.test(fileName)) {
    const { tfvarsToConfig } = await import('./tfvars');
    return parseConfig(await tfvarsToConfig(text, fileName));
  }
  return parseConfig(parseConfigText(text, fileName));
}

export type { Problem };
