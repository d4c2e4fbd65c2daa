import type { PlatformConfig } from '../../src/config/schema';
import { configWith, defaultConfigInput } from '../support/config';

/** The example configuration's registry section, as written. */
export function defaultRegistry(): any {
  return structuredClone((defaultConfigInput() as any).registry);
}

/**
 * The example configuration with registry fields replaced; `extraRepositories` are appended
 * to the example's repositories (other sections refer to those by name).
 */
export function registryConfig(registry: Record<string, unknown> = {}, extraRepositories: any[] = []): PlatformConfig {
  const base = defaultRegistry();
  return configWith({ registry: { ...base, ...registry, repositories: [...((registry.repositories as any[]) ?? base.repositories), ...extraRepositories] } } as any);
}

/** `count` repositories with distinct names, for scale tests. */
export function manyRepositories(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): any[] {
  return Array.from({ length: count }, (_, i) => ({ name: `team-${Math.floor(i / 50)}/service-${i}`, ...extra(i) }));
}
