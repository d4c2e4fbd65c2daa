/**
 * The resolve step: a checked configuration becomes the one model every stack builds from.
 * Repositories are resolved here once (final names, mutability, encryption, grants); the
 * access section's roles get their subjects and repository ARNs, the services their images
 * and URLs. Stacks read this model only, never the configuration, and run no checks.
 */
import type { PlatformConfig } from '../schema';
import type { EndpointsConfig } from '../schema/endpoints';
import type { ImageUpdaterConfig } from '../schema/access';
import { ConfigError } from '../problems';
import { registryHost, resolveRepositories, type ResolvedRepository } from '../model';
import { defaultTags } from './default-tags';
import { resolveRepositoryTargets } from './repository-targets';
import { ciRoleSubjectSpec, deployRoleSubjectSpec } from './access';
import type { DeployScope } from '../../domain/iam/deploy-permissions';
import { resolveAccessGrants, type AccessGrants } from './access-grants';
import { resolveServices, urlVariableName, type ServiceDefinition } from './services';
import { parseIamPrincipalArn, partition } from '../../domain/aws/arn';
import { under } from '../../domain/problem';
import { isSystemNamespace } from '../../domain/kubernetes/system-namespaces';
import { inClusterUrl } from '../../domain/kubernetes/service-url';
import { resolveCacheRules, templateRoleName, type ResolvedCacheRule } from '../../domain/pull-through-cache/upstreams';
import { exactRepositoryEntries } from '../../domain/kubernetes/admission';
import type { GithubSubjectSpec } from '../../domain/github/subjects';
import type { ReplicationRule } from '../../domain/ecr/replication-rules';
import type { ScanningRule } from '../../domain/ecr/scanning-rules';
import type { EnvValue } from '../../domain/kubernetes/env-values';

export interface ResolvedAws {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly assumeRoleArn?: string;
  readonly endpoints?: EndpointsConfig;
}

export interface ResolvedState {
  readonly bucket: string;
  /** The bucket's region: state.region, else aws.region. */
  readonly region: string;
  readonly assumeRoleArn?: string;
  readonly noncurrentVersionExpirationDays: number;
  readonly bootstrapBackend: 'local' | 's3';
}

/** A cross-account replication destination whose credentials are configured. */
export interface ReplicationTarget {
  readonly accountId: string;
  readonly region: string;
  readonly assumeRoleArn: string;
  /** Per replication rule that reaches this destination, its prefix filters (empty: every repository). */
  readonly prefixFilterSets: readonly (readonly string[])[];
}

export interface ResolvedRegistry {
  /** Alias of the key the registry stack creates, when a KMS repository names no key; else undefined. */
  readonly kmsKeyAlias?: string;
  readonly scanning: { readonly scanType: string; readonly rules: readonly ScanningRule[] };
  /** Destinations with their registry ID (the platform's account when none is given). */
  readonly replicationRules: readonly ReplicationRule[];
  /** Source accounts that replicate into this registry, each with the prefixes it may write. */
  readonly allowReplicationFrom: readonly { readonly accountId: string; readonly prefixes: readonly string[] }[];
}

export interface ResolvedPullThroughCache {
  readonly rules: readonly ResolvedCacheRule[];
  /** Name of the role ECR assumes to apply a template's KMS key or tags. */
  readonly templateRoleName: string;
  readonly nodeRoleNames: readonly string[];
  readonly accounts: readonly string[];
}

export interface ResolvedCiRole {
  readonly name: string;
  readonly subjects: GithubSubjectSpec;
  readonly maxSessionDuration?: number;
  /** What `pushTo` names, as repository ARNs. */
  readonly pushRepositoryArns: readonly string[];
}

/** A consumer's repositories: undefined means every configured repository (the shared policies). */
export type ConsumerRepositoryArns = readonly string[] | undefined;

export interface ResolvedPullPrincipal {
  readonly name: string;
  readonly kind: 'role' | 'user';
  /** The role's or user's name (the ARN's last segment). */
  readonly principalName: string;
  readonly repositoryArns: ConsumerRepositoryArns;
}

export interface ResolvedAccess {
  readonly existingOidcProviderArn?: string;
  readonly adoptOidcProvider: boolean;
  readonly ciRoles: readonly ResolvedCiRole[];
  /** Every configured repository's ARN, sorted (empty when none is configured). */
  readonly allRepositoryArns: readonly string[];
  readonly imageUpdater?: Omit<ImageUpdaterConfig, 'repositories'> & { readonly repositoryArns: ConsumerRepositoryArns };
  readonly pullPrincipals: readonly ResolvedPullPrincipal[];
  /** The role the platform's own workflow deploys with, and what it may do. */
  readonly deployRole?: { readonly name: string; readonly subjects: GithubSubjectSpec; readonly scope: DeployScope };
  /** The managed ECR policies (IDs, names, repositories: exact and by prefix) and who gets them. */
  readonly grants: AccessGrants;
}

/** A service as one environment's workloads stack deploys it. */
export interface ResolvedService extends ServiceDefinition {
  /** `<repository url>:<tag>` or `@<digest>`. */
  readonly image: string;
  /** `<NAME>_URL` of each service it depends on, then its own env. */
  readonly env: Readonly<Record<string, EnvValue>>;
}

export interface ResolvedWorkloads {
  readonly environment: string;
  readonly cluster: NonNullable<PlatformConfig['kubernetes']>['clusters'][string];
  readonly namespace: string;
  /** False for `default` and `kube-*`: Kubernetes' own namespaces are used as they exist. */
  readonly createNamespace: boolean;
  readonly partOf: string;
  readonly clusterDomain: string;
  readonly services: readonly ResolvedService[];
  /** Undefined when the admission policy is off. */
  readonly admissionPolicy?: { readonly enforcementAction: 'deny' | 'dryrun' | 'warn'; readonly allowedImagePrefixes: readonly string[] };
  readonly defaultTags: Readonly<Record<string, string>>;
}

export interface ResolvedPlatform {
  readonly project: string;
  readonly aws: ResolvedAws;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly registryHost: string;
  readonly state: ResolvedState;
  /** The global stacks' default tags. */
  readonly defaultTags: Readonly<Record<string, string>>;
  readonly repositories: readonly ResolvedRepository[];
  readonly registry: ResolvedRegistry;
  readonly replicationTargets: readonly ReplicationTarget[];
  readonly pullThroughCache: ResolvedPullThroughCache;
  readonly access: ResolvedAccess;
  /** One per environment in kubernetes.clusters. */
  readonly workloads: Readonly<Record<string, ResolvedWorkloads>>;
}

/** Resolves a checked configuration (parseConfig's result) into the model the stacks build from. */
export function resolvePlatform(config: PlatformConfig): ResolvedPlatform {
  const repositories = resolveRepositories(config);
  const platform = {
    project: config.project,
    aws: resolveAws(config),
    registryHost: registryHost(config),
    state: resolveState(config),
    defaultTags: defaultTags(config),
    repositories,
    registry: resolveRegistry(config, repositories),
    replicationTargets: replicationTargets(config),
    pullThroughCache: resolvePullThroughCache(config),
    access: resolveAccess(config, repositories),
  };
  return { ...platform, workloads: resolveWorkloads(config, repositories) };
}

function resolveAws(config: PlatformConfig): ResolvedAws {
  const { accountId, region, assumeRoleArn, endpoints } = config.aws;
  return { accountId, region, partition: partition(region), assumeRoleArn, endpoints };
}

function resolveState(config: PlatformConfig): ResolvedState {
  const { bucket, region, assumeRoleArn, noncurrentVersionExpirationDays, bootstrapBackend } = config.state;
  return { bucket, region: region ?? config.aws.region, assumeRoleArn, noncurrentVersionExpirationDays, bootstrapBackend };
}

function resolveRegistry(config: PlatformConfig, repositories: readonly ResolvedRepository[]): ResolvedRegistry {
  const { scanning, replication } = config.registry;
  return {
    kmsKeyAlias: repositories.some((repo) => repo.encryption.type === 'KMS' && !repo.encryption.kmsKeyArn) ? `alias/${config.project}-ecr` : undefined,
    scanning: { scanType: scanning.type, rules: scanning.rules },
    replicationRules: (replication?.rules ?? []).map((rule) => ({
      prefixFilters: rule.prefixFilters,
      destinations: rule.destinations.map((d) => ({ region: d.region, registryId: d.accountId ?? config.aws.accountId })),
    })),
    // The check refuses bare account IDs (every repository); only sources with prefixes get here.
    allowReplicationFrom: (replication?.allowReplicationFrom ?? []).flatMap((source) => (typeof source === 'string' ? [] : [source])),
  };
}

/** Destinations in other accounts that have `assumeRoleArn`, one per account and region. */
export function replicationTargets(config: PlatformConfig): ReplicationTarget[] {
  const targets = new Map<string, { accountId: string; region: string; assumeRoleArn: string; prefixFilterSets: string[][] }>();
  for (const rule of config.registry.replication?.rules ?? []) {
    for (const destination of rule.destinations) {
      const accountId = destination.accountId ?? config.aws.accountId;
      if (accountId === config.aws.accountId || !destination.assumeRoleArn) continue;
      const key = `${accountId}-${destination.region}`;
      const target = targets.get(key) ?? { accountId, region: destination.region, assumeRoleArn: destination.assumeRoleArn, prefixFilterSets: [] };
      target.prefixFilterSets.push([...(rule.prefixFilters ?? [])]);
      targets.set(key, target);
    }
  }
  return [...targets.values()];
}

function resolvePullThroughCache(config: PlatformConfig): ResolvedPullThroughCache {
  const section = config.pullThroughCache;
  return {
    rules: resolveCacheRules(section),
    templateRoleName: templateRoleName(config.project, config.aws.region),
    nodeRoleNames: section.nodeRoleNames,
    accounts: section.accounts,
  };
}

/** The ARNs a reference list names; a checked configuration has no problems here, an unchecked one stops with them. */
function targetArns(config: PlatformConfig, repositories: readonly ResolvedRepository[], path: string, entries: readonly string[] | undefined): string[] {
  const targets = resolveRepositoryTargets(config, entries, repositories);
  if (targets.problems.length) throw new ConfigError(under(path, targets.problems));
  return targets.arns;
}

function resolveAccess(config: PlatformConfig, repositories: readonly ResolvedRepository[]): ResolvedAccess {
  const { github, imageUpdater, pullPrincipals } = config.access;
  const consumerArns = (path: string, entries: readonly string[] | undefined): ConsumerRepositoryArns =>
    entries === undefined && repositories.length ? undefined : targetArns(config, repositories, path, entries);
  return {
    existingOidcProviderArn: github.existingOidcProviderArn,
    adoptOidcProvider: github.adoptOidcProvider ?? false,
    ciRoles: github.ciRoles.map((role, i) => ({
      name: role.name,
      subjects: ciRoleSubjectSpec(config, role),
      maxSessionDuration: role.maxSessionDurationSeconds,
      pushRepositoryArns: targetArns(config, repositories, `access.github.ciRoles[${i}].pushTo`, role.pushTo),
    })),
    allRepositoryArns: repositories.length ? targetArns(config, repositories, 'registry.repositories', undefined) : [],
    imageUpdater: imageUpdater && resolveImageUpdater(imageUpdater, (entries) => consumerArns('access.imageUpdater.repositories', entries)),
    pullPrincipals: pullPrincipals.map((grant, i) => {
      const path = `access.pullPrincipals[${i}]`;
      const principal = parseIamPrincipalArn(grant.principal);
      if (!principal) throw new ConfigError([{ path: `${path}.principal`, message: `must be an IAM role or user ARN in this account, got ${grant.principal}` }]);
      return { name: grant.name, kind: principal.kind, principalName: principal.name, repositoryArns: consumerArns(`${path}.repositories`, grant.repositories) };
    }),
    grants: resolveAccessGrants(config, repositories),
    deployRole: config.access.deployRole && {
      name: config.access.deployRole.name,
      subjects: deployRoleSubjectSpec(config, config.access.deployRole),
      scope: {
        partition: partition(config.aws.region),
        accountId: config.aws.accountId,
        region: config.aws.region,
        project: config.project,
        stateBucket: config.state.bucket,
        roleNames: [
          ...github.ciRoles.map((role) => role.name),
          ...(imageUpdater ? [imageUpdater.roleName] : []),
          ...(config.pullThroughCache?.nodeRoleNames ?? []),
          ...pullPrincipals.flatMap((grant) => {
            const principal = parseIamPrincipalArn(grant.principal);
            return principal?.kind === 'role' ? [principal.name] : [];
          }),
          config.access.deployRole.name,
        ],
        clusterNames: Object.values(config.kubernetes?.clusters ?? {}).flatMap((cluster) => ('eksClusterName' in cluster ? [cluster.eksClusterName] : [])),
      },
    },
  };
}

/** The pod binding as written; the repositories become ARNs. */
function resolveImageUpdater({ repositories, ...binding }: ImageUpdaterConfig, arnsOf: (entries: readonly string[] | undefined) => ConsumerRepositoryArns) {
  return { ...binding, repositoryArns: arnsOf(repositories) };
}

function resolveWorkloads(config: PlatformConfig, repositories: readonly ResolvedRepository[]): Record<string, ResolvedWorkloads> {
  const k8s = config.kubernetes;
  if (!k8s) return {};
  const allowedImagePrefixes = imagePrefixes(config, repositories);
  return Object.fromEntries(
    Object.entries(k8s.clusters).map(([environment, cluster]) => {
      const definitions = resolveServices(config, environment, repositories);
      const byName = new Map(definitions.map((d) => [d.name, d]));
      const services = definitions.map((definition) => ({
        ...definition,
        // A checked configuration gives every service an image (a repository and a tag or digest).
        image: definition.image!,
        // A dependency's URL comes from its own definition (name, port), never typed twice.
        env: {
          ...Object.fromEntries(definition.dependsOn.map((dependency) => [urlVariableName(dependency), inClusterUrl(byName.get(dependency)!, k8s.namespace, k8s.clusterDomain)])),
          ...definition.settings.env,
        },
      }));
      const workloads: ResolvedWorkloads = {
        environment,
        cluster,
        namespace: k8s.namespace,
        createNamespace: !isSystemNamespace(k8s.namespace),
        partOf: k8s.partOf,
        clusterDomain: k8s.clusterDomain,
        services,
        admissionPolicy: k8s.admissionPolicy.enabled ? { enforcementAction: k8s.admissionPolicy.enforcementAction, allowedImagePrefixes } : undefined,
        defaultTags: defaultTags(config, environment),
      };
      return [environment, workloads];
    }),
  );
}

/**
 * What the admission policy admits, all derived from the configuration (account, region, names):
 * each repository of the registry exactly (`<url>:` and `<url>@`, never a name that merely starts
 * the same), and the cached upstream images `admissionPolicy.cachedImages` lists.
 */
function imagePrefixes(config: PlatformConfig, repositories: readonly ResolvedRepository[]): string[] {
  const host = registryHost(config);
  const exact = repositories.flatMap((r) => exactRepositoryEntries(host, r.name));
  const cached = (config.kubernetes?.admissionPolicy.cachedImages ?? []).flatMap((image) => (image.endsWith('/') ? [`${host}/${image}`] : exactRepositoryEntries(host, image)));
  return [...new Set([...exact, ...cached])].sort();
}
