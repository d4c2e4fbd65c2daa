import { defaultConfigInput, configWith } from '../support/config';
import { resolveRepositories } from '../../src/config/model';
import { resolveServices } from '../../src/config/resolve/services';
import { DIGEST, problemsOf } from './helpers';

/** The example's kubernetes section with keys replaced. */
const k8s = (overrides: Record<string, unknown>) => ({ kubernetes: { ...defaultConfigInput().kubernetes, ...overrides } });
const services = () => structuredClone(defaultConfigInput().kubernetes!.services!) as any[];

describe('kubernetes configuration checks', () => {
  it('accepts the example platform', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('refuses a cluster for an environment that does not exist', () => {
    expect(problemsOf(k8s({ clusters: { dev: { eksClusterName: 'faro-dev' }, staging: { kubeconfig: { path: '~/.kube/config' } } } }))).toEqual([
      { path: 'kubernetes.clusters.staging', message: 'must be one of the environments (dev, prod), got "staging"' },
    ]);
  });

  it('refuses overrides for environments that do not exist', () => {
    const list = services();
    list[0].environments = { qa: { replicas: 3 } };
    expect(problemsOf(k8s({ services: list, environments: { stage: { replicas: 1 } } }))).toEqual([
      { path: 'kubernetes.environments.stage', message: 'must be one of the environments (dev, prod), got "stage"' },
      { path: 'kubernetes.services[0].environments.qa', message: 'must be one of the environments (dev, prod), got "qa"' },
    ]);
  });

  it('refuses latest in prod, at the line that set it, and allows it in dev', () => {
    const list = services();
    list[2].tag = 'latest';
    expect(problemsOf(k8s({ services: list }))).toEqual([
      { path: 'kubernetes.services[2].tag', message: 'must not be "latest" in production environment "prod": pin a version tag (e.g. "1.4.2") or a digest, got "latest"' },
    ]);
    list[2].environments = { prod: { tag: '1.0.0' } };
    expect(problemsOf(k8s({ services: list }))).toEqual([]);
  });

  it('refuses latest coming from kubernetes.defaults once, not per service', () => {
    const list = services().map(({ tag: _tag, ...rest }) => rest);
    expect(problemsOf(k8s({ services: list, defaults: { ...defaultConfigInput().kubernetes!.defaults, tag: 'latest' } }))).toEqual([
      { path: 'kubernetes.defaults.tag', message: 'must not be "latest" in production environment "prod": pin a version tag (e.g. "1.4.2") or a digest, got "latest"' },
    ]);
  });

  it('accepts a digest in prod where the tag would be latest: the digest replaces the inherited tag', () => {
    const list = services();
    list[0].tag = 'latest';
    list[0].environments = { prod: { digest: DIGEST } };
    expect(problemsOf(k8s({ services: list }))).toEqual([]);
  });

  it('refuses a service without a tag or digest, naming the environments', () => {
    const list = services();
    delete list[1].tag;
    expect(problemsOf(k8s({ services: list }))).toEqual([
      { path: 'kubernetes.services[1].tag', message: 'must be set (or a digest) for environment "dev", got nothing' },
      { path: 'kubernetes.services[1].tag', message: 'must be set (or a digest) for environment "prod", got nothing' },
    ]);
  });

  it('refuses a service whose repository is not in registry.repositories', () => {
    const list = services();
    list.push({ name: 'reranker', port: 8003, tag: '1.0.0' });
    list.push({ name: 'summarizer', port: 8004, tag: '1.0.0', repository: 'faro-rag/summary' });
    expect(problemsOf(k8s({ services: list }))).toEqual([
      {
        path: 'kubernetes.services[3].name',
        message: 'must name a repository of registry.repositories (the image comes from there), got "faro-rag/reranker"; add it to registry.repositories or set repository',
      },
      {
        path: 'kubernetes.services[4].repository',
        message: 'must name a repository of registry.repositories (the image comes from there), got "faro-rag/summary"; add it to registry.repositories or set repository',
      },
    ]);
  });

  it('refuses requests above limits once, at the layer that set the request', () => {
    const defaults = { replicas: 2, resources: { requests: { cpu: '750m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } };
    expect(problemsOf(k8s({ defaults }))).toEqual([{ path: 'kubernetes.defaults.resources.requests.cpu', message: 'must not be above limits.cpu ("500m"), got "750m"' }]);

    const list = services();
    list[1].environments = { prod: { resources: { requests: { memory: '1Gi' } } } };
    expect(problemsOf(k8s({ services: list }))).toEqual([
      { path: 'kubernetes.services[1].environments.prod.resources.requests.memory', message: 'must not be above limits.memory ("512Mi"), got "1Gi"' },
    ]);
  });

  it('refuses replicas below 1 and a bad quantity', () => {
    const list = services();
    list[0].replicas = 0;
    list[0].environments = { dev: { resources: { limits: { memory: '512MB' } } } };
    expect(problemsOf(k8s({ services: list }))).toEqual([
      { path: 'kubernetes.services[0].replicas', message: 'must be at least 1, got 0' },
      { path: 'kubernetes.services[0].environments.dev.resources.limits.memory', message: 'must be a Kubernetes quantity such as "256Mi" or "1Gi", got "512MB"' },
    ]);
  });

  it('refuses names that are not DNS labels, duplicate ports and unknown dependencies', () => {
    const list = services();
    list[0].name = 'Document_Chunking';
    list[1].port = 8002;
    list[2].dependsOn = ['document-chunking', 'embeddings-engine'];
    const problems = problemsOf(k8s({ services: list, namespace: 'RAG services' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'kubernetes.namespace', message: expect.stringMatching(/^must be a DNS-1123 label .*, got "RAG services"$/) },
        { path: 'kubernetes.services[0].name', message: expect.stringMatching(/^must be a DNS-1123 label that starts with a letter.*, got "Document_Chunking"$/) },
        { path: 'kubernetes.services[2].port', message: 'must be unique, got 8002 again (also "embeddings-engine")' },
        { path: 'kubernetes.services[2].dependsOn[0]', message: 'must be one of the services (Document_Chunking, embeddings-engine, rag-query), got "document-chunking"' },
      ]),
    );
  });

  it('refuses an env variable that dependsOn derives', () => {
    const list = services();
    list[2].env = { EMBEDDINGS_ENGINE_URL: 'http://elsewhere:1' };
    expect(problemsOf(k8s({ services: list }))).toEqual([
      { path: 'kubernetes.services[2].env.EMBEDDINGS_ENGINE_URL', message: 'must not set EMBEDDINGS_ENGINE_URL: dependsOn derives it from the service definition, got "EMBEDDINGS_ENGINE_URL"' },
    ]);
  });

  it('refuses unknown keys and bad cluster access through the schema', () => {
    const list = services();
    list[0].replica = 3;
    const problems = problemsOf(k8s({ services: list, clusters: { dev: { eksClusterName: 'faro dev' } } }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'kubernetes.services[0].replica', message: expect.stringMatching(/^unknown key; allowed keys here: .*replicas/) },
        { path: 'kubernetes.clusters.dev.eksClusterName', message: expect.stringMatching(/^must be an EKS cluster name/) },
      ]),
    );
  });
});

describe('repositories the services use', () => {
  it('are immutable by default when a production environment runs them', () => {
    const byKey = Object.fromEntries(resolveRepositories(configWith()).map((r) => [r.key, r]));
    for (const key of ['faro-rag/document-chunking', 'faro-rag/embeddings-engine', 'faro-rag/rag-query']) {
      expect(byKey[key]).toMatchObject({ tagMutability: 'IMMUTABLE', usedByProduction: true, environments: ['dev', 'prod'] });
    }
  });

  it('stay mutable when only dev runs them', () => {
    const config = configWith(k8s({ clusters: { dev: { eksClusterName: 'faro-dev' } } }));
    const rag = resolveRepositories(config).find((r) => r.key === 'faro-rag/rag-query')!;
    expect(rag).toMatchObject({ tagMutability: 'MUTABLE', usedByProduction: false, environments: ['dev'] });
  });

  it('follow repositoryPrefix and a repository named by its final name', () => {
    const input = defaultConfigInput() as any;
    const config = configWith({
      registry: {
        ...input.registry,
        namingScheme: '{project}-{name}',
        repositories: [
          { name: 'rag/document-chunking' },
          { name: 'rag/embeddings-engine' },
          { name: 'query' },
          ...input.registry.repositories.filter((r: any) => !r.name.startsWith('faro-rag/')),
        ],
      },
      ...k8s({
        repositoryPrefix: 'rag/',
        services: services().map((s) => (s.name === 'rag-query' ? { ...s, repository: 'faro-query' } : s)),
      }),
    });
    const repositories = resolveRepositories(config).slice(0, 3);
    expect(repositories.map((r) => [r.name, r.tagMutability])).toEqual([
      ['faro-rag/document-chunking', 'IMMUTABLE'],
      ['faro-rag/embeddings-engine', 'IMMUTABLE'],
      ['faro-query', 'IMMUTABLE'],
    ]);
  });
});

describe('built-in service sizing', () => {
  it('gives services the existing setup\'s replicas, requests and limits when the configuration sets none', () => {
    // configWith merges sections one level deep: an empty `defaults` replaces the example's.
    const [service] = resolveServices(configWith({ kubernetes: { ...defaultConfigInput().kubernetes, defaults: {} } }), 'dev');
    expect(service.settings.replicas).toBe(2);
    expect(service.settings.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(service.origins['resources.limits.memory']).toBe('built-in defaults');
  });
});
