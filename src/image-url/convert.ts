/**
 * Upstream image reference -> the same image through this registry's pull-through cache:
 * `nginx` -> `<account>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/nginx:latest`.
 * Pure: configuration in, reference out.
 */
import type { PlatformConfig } from '../config/schema';
import { registryHost } from '../config/model';
import { resolveCacheRules } from '../domain/pull-through-cache/upstreams';
import { ImageUrlError, parseImageReference } from './reference';

export type CacheConfig = Pick<PlatformConfig, 'aws' | 'pullThroughCache'>;

export interface CachedImage {
  /** The image as given. */
  readonly source: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com` */
  readonly registry: string;
  /** `<prefix>/<upstream path>`, the ECR repository the cache creates. */
  readonly repository: string;
  /** The tag; `latest` when the reference has neither tag nor digest (what a pull would use). */
  readonly tag?: string;
  readonly digest?: string;
  /** The full reference: `<registry>/<repository>[:tag][@digest]`. */
  readonly url: string;
}

/** ECR's rule for repository names. */
const ECR_REPOSITORY_NAME = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Which prefix caches which registry host, in configuration order (the first rule for a host wins). */
function hostPrefixes(config: CacheConfig): { host: string; prefix: string }[] {
  return resolveCacheRules(config.pullThroughCache).flatMap((rule) => rule.hosts.map((host) => ({ host, prefix: rule.prefix })));
}

function describeUpstreams(config: CacheConfig): string {
  const rules = resolveCacheRules(config.pullThroughCache);
  if (!rules.length) return 'the configuration has no pullThroughCache.rules';
  return `configured upstreams: ${rules.map((rule) => `${rule.upstream.name === 'docker-hub' ? 'docker.io' : rule.upstreamUrl} (${rule.prefix}/)`).join(', ')}`;
}

/** The cached form of an upstream image reference; throws ImageUrlError when the image cannot go through the cache. */
export function toCachedImage(image: string, config: CacheConfig): CachedImage {
  const reference = parseImageReference(image);
  const registry = registryHost(config);
  const tagPart = (tag?: string, digest?: string) => `${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;

  // Already a cached (or any of this registry's) image: nothing to rewrite.
  if (reference.host === registry) {
    return { source: image, registry, repository: reference.path, tag: reference.tag, digest: reference.digest, url: image.trim() };
  }
  // The docker-hub rule lists every Docker Hub host name, so `docker.io/x` and `index.docker.io/x` both match it.
  const match = hostPrefixes(config).find(({ host }) => host === reference.host);
  if (!match) {
    const registryName = reference.explicitHost ? reference.host : 'docker.io (Docker Hub, the default registry)';
    throw new ImageUrlError(`${JSON.stringify(image)}: no pull-through cache rule for ${registryName}; ${describeUpstreams(config)}`);
  }
  const repository = `${match.prefix}/${reference.path}`;
  if (!ECR_REPOSITORY_NAME.test(repository)) {
    throw new ImageUrlError(
      `${JSON.stringify(image)}: the cached repository name ${JSON.stringify(repository)} breaks ECR's rules (at most 256 characters; single ".", "_" or "-" between letters and digits)`,
    );
  }
  const tag = reference.tag ?? (reference.digest ? undefined : 'latest');
  return { source: image, registry, repository, tag, digest: reference.digest, url: `${registry}/${repository}${tagPart(tag, reference.digest)}` };
}

/** `nginx` -> `<registry>/docker-hub/library/nginx:latest`. */
export function cachedImageUrl(image: string, config: CacheConfig): string {
  return toCachedImage(image, config).url;
}

/** The `image.*` values most Helm charts read (Bitnami's and the common chart layout). */
export function helmImageValues(image: string, config: CacheConfig): { image: { registry: string; repository: string; tag?: string; digest?: string } } {
  const cached = toCachedImage(image, config);
  return {
    image: {
      registry: cached.registry,
      repository: cached.repository,
      ...(cached.tag ? { tag: cached.tag } : {}),
      ...(cached.digest ? { digest: cached.digest } : {}),
    },
  };
}
