import * as path from 'node:path';
import type { PlatformConfig } from './schema';
import { type Problem } from '../domain/problem';
import { parseConfigFile, readConfigFile } from './parse';
import { parseConfig } from './validate';

// The steps' entry points, for callers that start from text or from an object.
export { parseConfigText } from './parse';
export { parseConfig } from './validate';

/** The example platform, used when no configuration file is named. */
export const DEFAULT_CONFIG_PATH = path.join(__dirname, 'default.platform.yaml');

/** Reads a YAML, JSON or terraform.tfvars file (without a path, the embedded default), parses and checks it. */
export async function loadConfig(file?: string): Promise<PlatformConfig> {
  const fileName = file ?? DEFAULT_CONFIG_PATH;
  return parseConfig(await parseConfigFile(readConfigFile(fileName), fileName));
}

export type { Problem };
