import { cachedImageUrl, helmImageValues, ImageUrlError, parseImageReference, toCachedImage } from '../../src/image-url';
import { minimalConfig } from '../support/minimal-config';

const REGISTRY = '111122223333.dkr.ecr.eu-central-1.amazonaws.com';
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

const config = minimalConfig({
  pullThroughCache: {
    rules: [
      { upstream: 'docker-hub' },
      { upstream: 'quay' },
      { upstream: 'github', prefix: 'ghcr' },
      { upstream: 'k8s' },
      { upstream: 'ecr-public' },
      { upstream: 'gitlab' },
      { upstream: 'azure', azureRegistryName: 'faroacr', prefix: 'azure/faro' },
    ],
  },
});

function errorOf(image: string, cfg = config): string {
  try {
    cachedImageUrl(image, cfg);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageUrlError);
    return (error as Error).message;
  }
  throw new Error(`expected ${image} to be rejected`);
}

describe('cachedImageUrl', () => {
  it.each([
    // Docker Hub: the default registry, official images under library/, and its host aliases.
    ['nginx', `${REGISTRY}/docker-hub/library/nginx:latest`],
    ['nginx:1.27', `${REGISTRY}/docker-hub/library/nginx:1.27`],
    ['library/nginx:1.27', `${REGISTRY}/docker-hub/library/nginx:1.27`],
    ['bitnami/wordpress:6.5', `${REGISTRY}/docker-hub/bitnami/wordpress:6.5`],
    ['docker.io/nginx', `${REGISTRY}/docker-hub/library/nginx:latest`],
    ['docker.io/library/redis:7', `${REGISTRY}/docker-hub/library/redis:7`],
    ['index.docker.io/bitnami/redis:7.2', `${REGISTRY}/docker-hub/bitnami/redis:7.2`],
    ['registry-1.docker.io/grafana/grafana:11.0.0', `${REGISTRY}/docker-hub/grafana/grafana:11.0.0`],
    ['registry.hub.docker.com/library/alpine:3.20', `${REGISTRY}/docker-hub/library/alpine:3.20`],
    // Other upstreams: the path is kept as it is.
    ['quay.io/prometheus/node-exporter:v1.8.0', `${REGISTRY}/quay/prometheus/node-exporter:v1.8.0`],
    [`ghcr.io/org/app@${DIGEST}`, `${REGISTRY}/ghcr/org/app@${DIGEST}`],
    ['registry.k8s.io/pause:3.9', `${REGISTRY}/k8s/pause:3.9`],
    ['k8s.gcr.io/pause:3.9', `${REGISTRY}/k8s/pause:3.9`],
    ['registry.k8s.io/ingress-nginx/controller:v1.11.2', `${REGISTRY}/k8s/ingress-nginx/controller:v1.11.2`],
    ['public.ecr.aws/eks-distro/kubernetes/pause:3.9', `${REGISTRY}/ecr-public/eks-distro/kubernetes/pause:3.9`],
    ['public.ecr.aws/docker/library/nginx:stable', `${REGISTRY}/ecr-public/docker/library/nginx:stable`],
    ['registry.gitlab.com/group/project/image:1.0', `${REGISTRY}/gitlab/group/project/image:1.0`],
    ['faroacr.azurecr.io/team/api:2.1', `${REGISTRY}/azure/faro/team/api:2.1`],
    // Tags and digests survive, together too; the host is case-insensitive.
    [`nginx@${DIGEST}`, `${REGISTRY}/docker-hub/library/nginx@${DIGEST}`],
    [`quay.io/jetstack/cert-manager-controller:v1.15.0@${DIGEST}`, `${REGISTRY}/quay/jetstack/cert-manager-controller:v1.15.0@${DIGEST}`],
    ['Quay.IO/coreos/etcd:v3.5.0', `${REGISTRY}/quay/coreos/etcd:v3.5.0`],
    ['  ghcr.io/org/app:1.0  ', `${REGISTRY}/ghcr/org/app:1.0`],
  ])('%s -> %s', (image, expected) => {
    expect(cachedImageUrl(image, config)).toBe(expected);
  });

  it('leaves an image that is already in this registry as it is', () => {
    expect(cachedImageUrl(`${REGISTRY}/docker-hub/library/nginx:latest`, config)).toBe(`${REGISTRY}/docker-hub/library/nginx:latest`);
  });

  it('names the configured upstreams when an image comes from a registry without a rule', () => {
    expect(errorOf('gcr.io/distroless/static:nonroot')).toBe(
      '"gcr.io/distroless/static:nonroot": no pull-through cache rule for gcr.io; configured upstreams: docker.io (docker-hub/), quay.io (quay/), ghcr.io (ghcr/), ' +
        'registry.k8s.io (k8s/), public.ecr.aws (ecr-public/), registry.gitlab.com (gitlab/), faroacr.azurecr.io (azure/faro/)',
    );
    expect(errorOf('otheracr.azurecr.io/x:1')).toMatch(/^"otheracr\.azurecr\.io\/x:1": no pull-through cache rule for otheracr\.azurecr\.io; /);
    expect(errorOf('localhost:5000/app:dev')).toMatch(/no pull-through cache rule for localhost:5000; /);
  });

  it('says when Docker Hub is the implied registry and has no rule', () => {
    const quayOnly = minimalConfig({ pullThroughCache: { rules: [{ upstream: 'quay' }] } });
    expect(errorOf('nginx', quayOnly)).toBe('"nginx": no pull-through cache rule for docker.io (Docker Hub, the default registry); configured upstreams: quay.io (quay/)');
    const none = minimalConfig({ pullThroughCache: { rules: [] } });
    expect(errorOf('quay.io/a/b', none)).toBe('"quay.io/a/b": no pull-through cache rule for quay.io; the configuration has no pullThroughCache.rules');
  });

  it('rejects what is not an image reference, saying why', () => {
    expect(errorOf('')).toBe('an image reference is empty');
    expect(errorOf('https://quay.io/a/b')).toBe('"https://quay.io/a/b" is a URL, not an image reference: drop https://');
    expect(errorOf('Nginx')).toBe('"Nginx" has repository path component "Nginx"; components are lower-case letters and digits separated by ".", "_", "__" or "-"');
    expect(errorOf('nginx:')).toMatch(/^"nginx:" has tag ""; a tag is 1-128 letters/);
    expect(errorOf('nginx@sha256:abc')).toBe('"nginx@sha256:abc" has digest "sha256:abc"; a digest is sha256: followed by 64 lower-case hex digits');
    expect(errorOf('nginx latest')).toBe('"nginx latest" is not an image reference: it contains white space');
    expect(errorOf('quay.io//a')).toMatch(/has repository path component ""/);
  });

  it("refuses paths ECR cannot name a repository after", () => {
    expect(errorOf('quay.io/org/my--app:1')).toBe(
      '"quay.io/org/my--app:1": the cached repository name "quay/org/my--app" breaks ECR\'s rules (at most 256 characters; single ".", "_" or "-" between letters and digits)',
    );
  });
});

describe('parseImageReference', () => {
  it('splits host, path, tag and digest as Docker does', () => {
    expect(parseImageReference('nginx')).toEqual({ host: 'docker.io', explicitHost: false, path: 'library/nginx' });
    expect(parseImageReference('localhost/app:1')).toEqual({ host: 'localhost', explicitHost: true, path: 'app', tag: '1' });
    expect(parseImageReference(`registry.example.com:5000/team/app:1.0@${DIGEST}`)).toEqual({
      host: 'registry.example.com:5000',
      explicitHost: true,
      path: 'team/app',
      tag: '1.0',
      digest: DIGEST,
    });
  });
});

describe('helmImageValues', () => {
  it('splits the cached image into image.registry, image.repository and image.tag', () => {
    expect(helmImageValues('bitnami/wordpress:6.5', config)).toEqual({
      image: { registry: REGISTRY, repository: 'docker-hub/bitnami/wordpress', tag: '6.5' },
    });
    expect(helmImageValues(`ghcr.io/org/app@${DIGEST}`, config)).toEqual({ image: { registry: REGISTRY, repository: 'ghcr/org/app', digest: DIGEST } });
    expect(toCachedImage('nginx', config)).toMatchObject({ registry: REGISTRY, repository: 'docker-hub/library/nginx', tag: 'latest' });
  });
});
