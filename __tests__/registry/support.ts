import { formatProblem } from '../../src/config/problems';
import type { PlatformConfig } from '../../src/config/schema';
import { configWith, defaultConfigInput, problemsFrom } from '../support/config';

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

/**
 * A configuration whose registry stands alone: no CI roles or Kubernetes services refer to
 * the example's repositories, so `registry.repositories` can be replaced outright.
 */
export function standaloneRegistryConfig(registry: Record<string, unknown> = {}): PlatformConfig {
  const input = defaultConfigInput() as any;
  return configWith({
    registry: { ...input.registry, ...registry },
    access: { ...input.access, github: { ...input.access.github, ciRoles: [] } },
    kubernetes: undefined,
  } as any);
}

/** Every problem the configuration has, as "path: message". */
export function problemsOf(registry: Record<string, unknown> = {}, extraRepositories: any[] = [], build = registryConfig): string[] {
  return problemsFrom(() => build(registry, extraRepositories)).map(formatProblem);
}

/** `count` repositories with distinct names, for scale tests. */
export function manyRepositories(count: number, extra: (i: number) => Record<string, unknown> = () => ({})): any[] {
  return Array.from({ length: count }, (_, i) => ({ name: `team-${Math.floor(i / 50)}/service-${i}`, ...extra(i) }));
}
