/**
 * A service as one environment runs it: the configuration layers merged, the image
 * reference derived from the repository that the registry stack creates, and where in
 * the configuration each value came from (so a problem names the line to fix).
 */
import type { PlatformConfig } from '../schema';
import { DEFAULT_REPOSITORY_PREFIX, type ServiceConfig, type ServiceSettingsConfig } from '../schema/kubernetes';
import { isProduction, resolveRepositories, type ResolvedRepository } from '../model';
import type { WorkloadSettings } from '../../domain/kubernetes/rules';
import type { EnvValue } from '../../domain/kubernetes/env-values';
import { versionLabel } from '../../domain/kubernetes/labels';

export { inClusterUrl } from '../../domain/kubernetes/service-url';

export interface ServiceDefinition {
  readonly name: string;
  readonly port: number;
  readonly environment: string;
  readonly production: boolean;
  /** The repository's configuration key (`repository`, or `repositoryPrefix` + name). */
  readonly repositoryKey: string;
  /** Undefined when registry.repositories has no such repository (a config problem). */
  readonly repository?: ResolvedRepository;
  readonly tag?: string;
  readonly digest?: string;
  /** `<repository url>:<tag>`, or `<repository url>@<digest>` when a digest is set. */
  readonly image?: string;
  /** Value of the app.kubernetes.io/version label. */
  readonly version: string;
  readonly settings: WorkloadSettings;
  readonly dependsOn: readonly string[];
  /** Index in kubernetes.services. */
  readonly index: number;
  /** Config path of the layer that set each value, by setting path (`replicas`, `resources.limits.cpu`, `env.KEY`, `tag`). */
  readonly origins: Readonly<Record<string, string>>;
}

interface Layer {
  readonly path: string;
  readonly settings?: ServiceSettingsConfig;
}

/**
 * The sizing of the setup this project replaces: what a service gets when no layer of the
 * configuration says otherwise, so a configuration without `kubernetes.defaults` still
 * deploys containers with requests, limits and two replicas.
 */
export const BUILT_IN_SERVICE_SETTINGS: ServiceSettingsConfig = {
  replicas: 2,
  resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
};

/** The environments that run workloads: those with a cluster, or every environment when no cluster is configured. */
export function workloadEnvironments(config: PlatformConfig): string[] {
  const clusters = Object.keys(config.kubernetes?.clusters ?? {});
  return clusters.length ? clusters : Object.keys(config.environments);
}

/** The repository key a service pulls from. */
export function repositoryKeyOf(config: PlatformConfig, service: Pick<ServiceConfig, 'name' | 'repository'>): string {
  return service.repository ?? `${config.kubernetes?.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX}${service.name}`;
}

/** `embeddings-engine` -> `EMBEDDINGS_ENGINE_URL` */
export function urlVariableName(serviceName: string): string {
  return `${serviceName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

export function imageReference(repositoryUrl: string, version: { readonly tag?: string; readonly digest?: string }): string | undefined {
  if (version.digest) return `${repositoryUrl}@${version.digest}`;
  if (version.tag) return `${repositoryUrl}:${version.tag}`;
  return undefined;
}

/** Every service of `kubernetes.services` as `environment` runs it (`repositories`: resolved already, to resolve them once). */
export function resolveServices(config: PlatformConfig, environment: string, repositories: readonly ResolvedRepository[] = resolveRepositories(config)): ServiceDefinition[] {
  const k8s = config.kubernetes;
  if (!k8s) return [];
  const production = isProduction(config, environment);
  return k8s.services.map((service, index) => {
    const layers: Layer[] = [
      { path: 'built-in defaults', settings: BUILT_IN_SERVICE_SETTINGS },
      { path: 'kubernetes.defaults', settings: k8s.defaults },
      { path: `kubernetes.environments.${environment}`, settings: k8s.environments[environment] },
      { path: `kubernetes.services[${index}]`, settings: service },
      { path: `kubernetes.services[${index}].environments.${environment}`, settings: service.environments?.[environment] },
    ];
    const { settings, tag, digest, origins } = mergeLayers(layers);
    const repositoryKey = repositoryKeyOf(config, service);
    const repository = findServiceRepository(repositories, repositoryKey, environment);
    return {
      name: service.name,
      port: service.port,
      environment,
      production,
      repositoryKey,
      repository,
      tag,
      digest,
      image: repository ? imageReference(repository.url, { tag, digest }) : undefined,
      version: versionLabel({ tag, digest }),
      settings,
      dependsOn: service.dependsOn ?? [],
      index,
      origins,
    };
  });
}

/**
 * The repository a key names (its configuration key, or its final name). With an
 * `{environment}` naming scheme one key has a repository per environment: this environment's wins.
 */
function findServiceRepository(repositories: readonly ResolvedRepository[], key: string, environment: string): ResolvedRepository | undefined {
  const candidates = repositories.filter((r) => r.key === key || r.name === key);
  return (
    candidates.find((r) => r.source.environment === environment) ?? candidates.find((r) => r.source.environment === undefined) ?? candidates[0]
  );
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function mergeLayers(layers: readonly Layer[]) {
  const settings: Mutable<WorkloadSettings> = {};
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  const env: Record<string, EnvValue> = {};
  const origins: Record<string, string> = {};
  let tag: string | undefined;
  let digest: string | undefined;

  for (const { path, settings: layer } of layers) {
    if (!layer) continue;
    for (const key of ['replicas', 'probePath', 'autoscaling', 'topologySpread', 'runAsUser'] as const) {
      if (layer[key] !== undefined) {
        (settings as Record<string, unknown>)[key] = layer[key];
        origins[key] = path;
      }
    }
    for (const [kind, target] of [['requests', requests], ['limits', limits]] as const) {
      for (const [resource, value] of Object.entries(layer.resources?.[kind] ?? {})) {
        if (value === undefined) continue;
        target[resource] = value;
        origins[`resources.${kind}.${resource}`] = path;
      }
    }
    for (const [name, value] of Object.entries(layer.env ?? {})) {
      env[name] = value;
      origins[`env.${name}`] = path;
    }
    // Tag and digest are one choice: a layer that pins a digest does not inherit a tag, and the reverse.
    if (layer.tag !== undefined || layer.digest !== undefined) {
      tag = layer.tag;
      digest = layer.digest;
      origins.tag = path;
      origins.digest = path;
    }
  }
  const resources = {
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
  if (Object.keys(resources).length) settings.resources = resources;
  if (Object.keys(env).length) settings.env = env;
  return { settings: settings as WorkloadSettings, tag, digest, origins };
}

/**
 * The config path of a setting of a service definition: under the layer that set it
 * (the longest matching setting path), or under the service itself.
 */
export function configPathOf(definition: ServiceDefinition, settingPath: string): string {
  const segments = settingPath.split('.');
  for (let length = segments.length; length > 0; length--) {
    const origin = definition.origins[segments.slice(0, length).join('.')];
    if (origin) return `${origin}.${settingPath}`;
  }
  return `kubernetes.services[${definition.index}]${settingPath ? `.${settingPath}` : ''}`;
}
