/**
 * Image references as Docker and containerd read them:
 * `[host[:port]/]path[:tag][@digest]`, where a first component without "." or ":"
 * (and not `localhost`) is part of the path on Docker Hub, and a one-component Docker Hub
 * path is an official image under `library/`.
 */

export class ImageUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageUrlError';
  }
}

export interface ImageReference {
  /** Registry host as written, lower-cased; `docker.io` when the reference names none. */
  readonly host: string;
  /** Whether the host was written out (false: Docker Hub by default). */
  readonly explicitHost: boolean;
  /** Repository path in the registry, e.g. `library/nginx`, `prometheus/node-exporter`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Host names of Docker Hub; `docker.io` is the canonical one. */
export const DOCKER_HUB_HOSTS = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'];

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses a reference; throws ImageUrlError saying what is wrong with it. */
export function parseImageReference(input: string): ImageReference {
  const image = input.trim();
  const quoted = JSON.stringify(input);
  if (!image) throw new ImageUrlError('an image reference is empty');
  if (/\s/.test(image)) throw new ImageUrlError(`${quoted} is not an image reference: it contains white space`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(image)) throw new ImageUrlError(`${quoted} is a URL, not an image reference: drop ${image.slice(0, image.indexOf('://') + 3)}`);

  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!SHA256_DIGEST.test(digest)) {
      throw new ImageUrlError(`${quoted} has digest ${JSON.stringify(digest)}; a digest is sha256: followed by 64 lower-case hex digits`);
    }
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw new ImageUrlError(`${quoted} has tag ${JSON.stringify(tag)}; a tag is 1-128 letters, digits, "_", "." and "-", not starting with "." or "-"`);
    }
  }

  const components = rest.split('/');
  const first = components[0];
  const explicitHost = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = explicitHost ? first.toLowerCase() : 'docker.io';
  if (explicitHost && !HOST.test(host)) throw new ImageUrlError(`${quoted} names registry ${JSON.stringify(first)}, which is not a host name`);
  const pathComponents = explicitHost ? components.slice(1) : components;
  for (const component of pathComponents) {
    if (!PATH_COMPONENT.test(component)) {
      throw new ImageUrlError(
        `${quoted} has repository path component ${JSON.stringify(component)}; components are lower-case letters and digits separated by ".", "_", "__" or "-"`,
      );
    }
  }
  let path = pathComponents.join('/');
  // Official images: `nginx` is `library/nginx` on Docker Hub, and ECR's cache needs the full path.
  if (DOCKER_HUB_HOSTS.includes(host) && pathComponents.length === 1) path = `library/${path}`;
  return { host, explicitHost, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
