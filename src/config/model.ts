/**
 * Values derived from the configuration that more than one stack needs. Stacks
 * never read each other's Terraform state: a repository's ARN and URL follow from
 * account, region and name, so each stack is planned on its own, offline, in any order.
 */
import type { PlatformConfig } from './schema';
import type { EncryptionConfig, RepositoryConfig } from './schema/registry';
import type { LifecyclePolicyConfig } from './schema/lifecycle';

export interface ResolvedRepository {
  /** The name as written in the configuration (before the naming scheme); the key other sections refer to. */
  readonly key: string;
  /** The repository's name in ECR. */
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly tagMutability: string;
  readonly scanOnPush: boolean;
  readonly encryption: EncryptionConfig;
  readonly forceDelete: boolean;
  readonly lifecyclePolicy: LifecyclePolicyConfig;
  readonly tags: Record<string, string>;
  /** Environments whose workloads use the repository. */
  readonly environments: readonly string[];
  readonly usedByProduction: boolean;
  readonly source: RepositoryConfig;
  /** Index in registry.repositories, for messages that point at the configuration. */
  readonly index: number;
}

export function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function urlSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `<account>.dkr.ecr.<region>.amazonaws.com` */
export function registryHost(config: Pick<PlatformConfig, 'aws'>): string {
  return `${config.aws.accountId}.dkr.ecr.${config.aws.region}.${urlSuffix(config.aws.region)}`;
}

export function repositoryArnFor(config: Pick<PlatformConfig, 'aws'>, name: string): string {
  return `arn:${partition(config.aws.region)}:ecr:${config.aws.region}:${config.aws.accountId}:repository/${name}`;
}

export function isProduction(config: Pick<PlatformConfig, 'environments'>, environment: string): boolean {
  const env = config.environments[environment];
  return env?.production ?? (environment === 'prod' || environment === 'production');
}

/** Applies the naming scheme: `{project}-{name}-{environment}` and friends. */
export function repositoryName(config: PlatformConfig, repository: Pick<RepositoryConfig, 'name' | 'environment'>): string {
  return config.registry.namingScheme
    .replace('{project}', config.project)
    .replace('{name}', repository.name)
    .replace('{environment}', repository.environment ?? '');
}

/** Environments whose Kubernetes services pull from a repository, by configuration key. */
function environmentsUsingRepository(config: PlatformConfig): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const k8s = config.kubernetes;
  if (!k8s) return uses;
  const envs = Object.keys(k8s.clusters).length ? Object.keys(k8s.clusters) : Object.keys(config.environments);
  for (const service of k8s.services) {
    const key = service.repository ?? `faro-rag/${service.name}`;
    const set = uses.get(key) ?? new Set<string>();
    envs.forEach((env) => set.add(env));
    uses.set(key, set);
  }
  return uses;
}

/** Every repository with the defaults applied: the one view all stacks share. */
export function resolveRepositories(config: PlatformConfig): ResolvedRepository[] {
  const defaults = config.registry.defaults;
  const usage = environmentsUsingRepository(config);
  return config.registry.repositories.map((repo, index) => {
    const name = repositoryName(config, repo);
    const environments = [...new Set([...(repo.environments ?? []), ...(usage.get(repo.name) ?? [])])].sort();
    const usedByProduction = environments.some((env) => isProduction(config, env));
    return {
      key: repo.name,
      name,
      arn: repositoryArnFor(config, name),
      url: `${registryHost(config)}/${name}`,
      tagMutability: repo.tagMutability ?? defaults.tagMutability ?? (usedByProduction ? 'IMMUTABLE' : 'MUTABLE'),
      scanOnPush: repo.scanOnPush ?? defaults.scanOnPush ?? true,
      encryption: repo.encryption ?? defaults.encryption ?? { type: 'AES256' },
      forceDelete: repo.forceDelete ?? defaults.forceDelete ?? false,
      lifecyclePolicy: repo.lifecyclePolicy ?? defaults.lifecyclePolicy ?? { preset: 'application' },
      tags: { ...(defaults.tags ?? {}), ...(repo.tags ?? {}) },
      environments,
      usedByProduction,
      source: repo,
      index,
    };
  });
}

/** Finds a repository by its configuration key or its final name. */
export function findRepository(config: PlatformConfig, keyOrName: string): ResolvedRepository | undefined {
  return resolveRepositories(config).find((r) => r.key === keyOrName || r.name === keyOrName);
}

/** State keys in the layout existing Terraform setups use. */
export const stateKeys = {
  global: (stack: string) => `global/${stack}/terraform.tfstate`,
  environment: (environment: string, stack: string) => `environments/${environment}/${stack}/terraform.tfstate`,
};
