export { ImageUrlError, parseImageReference, DOCKER_HUB_HOSTS, type ImageReference } from './reference';
export { cachedImageUrl, helmImageValues, toCachedImage, type CachedImage, type CacheConfig } from './convert';
