import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG_PATH, parseConfig } from '../../src/config/load';
import { ConfigError } from '../../src/config/problems';
import { type Problem } from '../../src/domain/problem';
import type { PlatformConfig, PlatformConfigInput } from '../../src/config/schema';

/** The embedded example configuration, as written (before defaults). */
export function defaultConfigInput(): PlatformConfigInput {
  return parseDocument(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8')).toJS() as PlatformConfigInput;
}

type DeepPartial<T> = T extends readonly (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** The example configuration with some sections replaced (objects merge one level deep, arrays replace). */
export function configWith(overrides: DeepPartial<PlatformConfigInput> & Record<string, unknown> = {}): PlatformConfig {
  return parseConfig(mergeConfig(defaultConfigInput(), overrides));
}

export function mergeConfig(base: any, overrides: any): any {
  const out: any = { ...base };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value && typeof value === 'object' && !Array.isArray(value) && base?.[key] && typeof base[key] === 'object' && !Array.isArray(base[key])) {
      out[key] = { ...base[key], ...value };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The problems a configuration is refused for, from whatever builds it; [] when it is accepted. */
export function problemsFrom(build: () => unknown): Problem[] {
  try {
    build();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}
