import { platformConfig, type PlatformConfig } from './schema';
import { ConfigError, problemsFromZod } from './problems';
import { checkConfig } from './checks';

/**
 * The check step: validates a parsed configuration object, the schema first (shape, types,
 * unknown keys), then the cross-field checks. Throws ConfigError with every problem found.
 */
export function parseConfig(raw: unknown): PlatformConfig {
  const result = platformConfig.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(problemsFromZod(result.error.issues, platformConfig));
  const problems = checkConfig(result.data);
  if (problems.length) throw new ConfigError(problems);
  return result.data;
}
