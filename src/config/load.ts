import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig } from './schema';
import { ConfigError } from './problems';
import { type Problem } from '../domain/problem';
import { parseConfigFile } from './parse';
import { parseConfig } from './validate';

// The steps' entry points, for callers that start from text or from an object.
export { parseConfigText } from './parse';
export { parseConfig } from './validate';

/** The example platform, used when no configuration file is named. */
export const DEFAULT_CONFIG_PATH = path.join(__dirname, 'default.platform.yaml');

/** Reads a YAML, JSON or terraform.tfvars file (without a path, the embedded default), parses and checks it. */
export async function loadConfig(file?: string): Promise<PlatformConfig> {
  const fileName = file ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = fs.readFileSync(fileName, 'utf8');
  } catch (error) {
    throw new ConfigError([{ path: fileName, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` }]);
  }
  return parseConfig(await parseConfigFile(text, fileName));
}

export type { Problem };
