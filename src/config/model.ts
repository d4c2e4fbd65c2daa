/**
 * Values derived from the configuration that more than one stack needs. Stacks
 * never read each other's Terraform state: a repository's ARN and URL follow from
 * account, region and name, so each stack is planned on its own, offline, in any order.
 */
import type { PlatformConfig } from './schema';
import type { EncryptionConfig, RepositoryAccessConfig, RepositoryConfig } from './schema/registry';
import type { LifecyclePolicyConfig } from './schema/lifecycle';
import { partition, urlSuffix } from '../domain/aws/arn';
import { REPOSITORY_DEFAULTS } from './schema/repository-defaults';

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
  /** Pull access granted by the repository policy (the repository's own, else the defaults'). */
  readonly pull: RepositoryAccessConfig;
  /** Principals that may push, by the repository policy (the repository's own, else the defaults'). */
  readonly pushPrincipals: readonly string[];
  /** Import the existing repository instead of creating it (`adopt`, or `registry.adoptAll`). */
  readonly adopt: boolean;
  /** Environments whose workloads use the repository. */
  readonly environments: readonly string[];
  readonly usedByProduction: boolean;
  readonly source: RepositoryConfig;
  /** Index in registry.repositories, for messages that point at the configuration. */
  readonly index: number;
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

/**
 * Environments whose Kubernetes services pull from a repository, by configuration key:
 * every environment with a cluster (or every environment when none has one) uses each
 * service's repository (`repository`, or `kubernetes.repositoryPrefix` + the service name).
 * A service may name a repository by its final name too; it counts for the key.
 */
function environmentsUsingRepository(config: PlatformConfig): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  const k8s = config.kubernetes;
  if (!k8s) return uses;
  const envs = Object.keys(k8s.clusters).length ? Object.keys(k8s.clusters) : Object.keys(config.environments);
  const keyOfName = new Map(config.registry.repositories.map((repo) => [repositoryName(config, repo), repo.name]));
  for (const service of k8s.services) {
    const named = service.repository ?? `${k8s.repositoryPrefix}${service.name}`;
    const key = config.registry.repositories.some((repo) => repo.name === named) ? named : (keyOfName.get(named) ?? named);
    const set = uses.get(key) ?? new Set<string>();
    envs.forEach((env) => set.add(env));
    uses.set(key, set);
  }
  return uses;
}

/**
 * Resolved repositories per configuration object: the checks, the resolve step and the
 * report all ask for them, and each configuration is resolved once. A configuration is
 * never changed after it is parsed (a changed copy is a new object and resolves anew).
 */
const resolvedByConfig = new WeakMap<PlatformConfig, readonly ResolvedRepository[]>();

/** Every repository with the defaults applied: the one view all stacks share (resolved once per configuration). */
export function resolveRepositories(config: PlatformConfig): readonly ResolvedRepository[] {
  let resolved = resolvedByConfig.get(config);
  if (!resolved) {
    resolved = Object.freeze(applyDefaults(config));
    resolvedByConfig.set(config, resolved);
  }
  return resolved;
}

function applyDefaults(config: PlatformConfig): ResolvedRepository[] {
  const defaults = config.registry.defaults;
  const usage = environmentsUsingRepository(config);
  return config.registry.repositories.map((repo, index) => {
    const name = repositoryName(config, repo);
    const environments = [...new Set([...(repo.environments ?? []), ...(repo.environment ? [repo.environment] : []), ...(usage.get(repo.name) ?? [])])].sort();
    const usedByProduction = environments.some((env) => isProduction(config, env));
    return {
      key: repo.name,
      name,
      arn: repositoryArnFor(config, name),
      url: `${registryHost(config)}/${name}`,
      // Production wins over the defaults: only the repository itself can make a production repository mutable.
      tagMutability: repo.tagMutability ?? (usedByProduction ? 'IMMUTABLE' : (defaults.tagMutability ?? REPOSITORY_DEFAULTS.tagMutability)),
      scanOnPush: repo.scanOnPush ?? defaults.scanOnPush ?? REPOSITORY_DEFAULTS.scanOnPush,
      encryption: repo.encryption ?? defaults.encryption ?? REPOSITORY_DEFAULTS.encryption,
      // Like immutability: registry.defaults never lets Terraform delete a production repository with its images.
      forceDelete: repo.forceDelete ?? (usedByProduction ? false : (defaults.forceDelete ?? REPOSITORY_DEFAULTS.forceDelete)),
      lifecyclePolicy: repo.lifecyclePolicy ?? defaults.lifecyclePolicy ?? REPOSITORY_DEFAULTS.lifecyclePolicy,
      tags: { ...(defaults.tags ?? {}), ...(repo.tags ?? {}) },
      pull: repo.pull ?? defaults.pull ?? {},
      pushPrincipals: (repo.push ?? defaults.push)?.principals ?? [],
      adopt: repo.adopt ?? config.registry.adoptAll ?? REPOSITORY_DEFAULTS.adopt,
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
