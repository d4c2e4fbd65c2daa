// The kubernetes section's checks, on the minimal configuration with three services of its own:
// chunker and embedder, and query, which depends on both. Paths are named by service.
import { resolveRepositories } from '../../src/config/model';
import { resolveServices } from '../../src/config/resolve/services';
import type { Problem } from '../../src/domain/problem';
import { problemsFrom } from '../support/config';
import { minimalConfig, withWorkloads, type ConfigOverrides } from '../support/minimal-config';
import { DIGEST } from './helpers';

type Service = Record<string, any>;
const NAMES = ['chunker', 'embedder', 'query'];
const REPOSITORIES = [{ name: 'app' }, ...NAMES.map((name) => ({ name: `rag/${name}` }))];

function services(): Service[] {
  return [
    { name: 'chunker', port: 8000, tag: '1.0.0' },
    { name: 'embedder', port: 8001, tag: '1.0.0' },
    { name: 'query', port: 8002, tag: '1.0.0', dependsOn: ['chunker', 'embedder'] },
  ];
}

/** The services with one of them changed (by name). */
function servicesWith(name: string, change: (service: Service) => void): Service[] {
  const list = services();
  change(list.find((s) => s.name === name)!);
  return list;
}

/** `kubernetes.services[<index of name>]` in the list the test passed. */
const at = (name: string, list: readonly Service[] = services()) => `kubernetes.services[${list.findIndex((s) => s.name === name)}]`;

/** The configuration: the minimal one with the three services' repositories, and this kubernetes section over withWorkloads. */
function config(kubernetes: Record<string, unknown> = {}, more: ConfigOverrides = {}) {
  return minimalConfig({
    registry: { repositories: REPOSITORIES },
    ...withWorkloads({ repositoryPrefix: 'rag/', services: services(), ...kubernetes } as ConfigOverrides['kubernetes']),
    ...more,
  });
}

const problemsOf = (kubernetes: Record<string, unknown>, more: ConfigOverrides = {}): Problem[] => problemsFrom(() => config(kubernetes, more));

describe('kubernetes configuration checks', () => {
  it('accepts three services on a dev and a prod cluster', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('refuses a cluster for an environment that does not exist', () => {
    expect(problemsOf({ clusters: { dev: { eksClusterName: 'acme-dev' }, staging: { kubeconfig: { path: '~/.kube/config' } } } })).toEqual([
      { path: 'kubernetes.clusters.staging', message: 'must be one of the environments (dev, prod), got "staging"' },
    ]);
  });

  it('refuses overrides for environments that do not exist', () => {
    const list = servicesWith('chunker', (s) => (s.environments = { qa: { replicas: 3 } }));
    expect(problemsOf({ services: list, environments: { stage: { replicas: 1 } } })).toEqual([
      { path: 'kubernetes.environments.stage', message: 'must be one of the environments (dev, prod), got "stage"' },
      { path: `${at('chunker')}.environments.qa`, message: 'must be one of the environments (dev, prod), got "qa"' },
    ]);
  });

  it('refuses latest in prod, at the line that set it, and allows it in dev', () => {
    const list = servicesWith('query', (s) => (s.tag = 'latest'));
    expect(problemsOf({ services: list })).toEqual([
      { path: `${at('query')}.tag`, message: 'must not be "latest" in production environment "prod": pin a version tag (e.g. "1.4.2") or a digest, got "latest"' },
    ]);
    list.find((s) => s.name === 'query')!.environments = { prod: { tag: '1.0.0' } };
    expect(problemsOf({ services: list })).toEqual([]);
  });

  it('refuses latest coming from kubernetes.defaults once, not per service', () => {
    const list = services().map(({ tag: _tag, ...rest }) => rest);
    expect(problemsOf({ services: list, defaults: { tag: 'latest' } })).toEqual([
      { path: 'kubernetes.defaults.tag', message: 'must not be "latest" in production environment "prod": pin a version tag (e.g. "1.4.2") or a digest, got "latest"' },
    ]);
  });

  it('accepts a digest in prod where the tag would be latest: the digest replaces the inherited tag', () => {
    const list = servicesWith('chunker', (s) => {
      s.tag = 'latest';
      s.environments = { prod: { digest: DIGEST } };
    });
    expect(problemsOf({ services: list })).toEqual([]);
  });

  it('refuses a service without a tag or digest, naming the environments', () => {
    const list = servicesWith('embedder', (s) => delete s.tag);
    expect(problemsOf({ services: list })).toEqual([
      { path: `${at('embedder')}.tag`, message: 'must be set (or a digest) for environment "dev", got nothing' },
      { path: `${at('embedder')}.tag`, message: 'must be set (or a digest) for environment "prod", got nothing' },
    ]);
  });

  it('refuses a service whose repository is not in registry.repositories', () => {
    const list = [...services(), { name: 'reranker', port: 8003, tag: '1.0.0' }, { name: 'summarizer', port: 8004, tag: '1.0.0', repository: 'rag/summary' }];
    expect(problemsOf({ services: list })).toEqual([
      {
        path: `${at('reranker', list)}.name`,
        message: 'must name a repository of registry.repositories (the image comes from there), got "rag/reranker"; add it to registry.repositories or set repository',
      },
      {
        path: `${at('summarizer', list)}.repository`,
        message: 'must name a repository of registry.repositories (the image comes from there), got "rag/summary"; add it to registry.repositories or set repository',
      },
    ]);
  });

  it('refuses requests above limits once, at the layer that set the request', () => {
    const defaults = { replicas: 2, resources: { requests: { cpu: '750m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } };
    expect(problemsOf({ defaults })).toEqual([{ path: 'kubernetes.defaults.resources.requests.cpu', message: 'must not be above limits.cpu ("500m"), got "750m"' }]);

    const list = servicesWith('embedder', (s) => (s.environments = { prod: { resources: { requests: { memory: '1Gi' } } } }));
    expect(problemsOf({ services: list })).toEqual([
      { path: `${at('embedder')}.environments.prod.resources.requests.memory`, message: 'must not be above limits.memory ("512Mi"), got "1Gi"' },
    ]);
  });

  it('refuses replicas below 1 and a bad quantity', () => {
    const list = servicesWith('chunker', (s) => {
      s.replicas = 0;
      s.environments = { dev: { resources: { limits: { memory: '512MB' } } } };
    });
    expect(problemsOf({ services: list })).toEqual([
      { path: `${at('chunker')}.replicas`, message: 'must be at least 1, got 0' },
      { path: `${at('chunker')}.environments.dev.resources.limits.memory`, message: 'must be a Kubernetes quantity such as "256Mi" or "1Gi", got "512MB"' },
    ]);
  });

  it('refuses names that are not DNS labels, duplicate ports and unknown dependencies', () => {
    const list = services();
    const [chunker, embedder, query] = list;
    chunker.name = 'Chunker_One';
    query.port = embedder.port;
    const problems = problemsOf({ services: list, namespace: 'RAG services' });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'kubernetes.namespace', message: expect.stringMatching(/^must be a DNS-1123 label .*, got "RAG services"$/) },
        { path: `${at('Chunker_One', list)}.name`, message: expect.stringMatching(/^must be a DNS-1123 label that starts with a letter.*, got "Chunker_One"$/) },
        { path: `${at('query', list)}.port`, message: 'must be unique, got 8001 again (also "embedder")' },
        { path: `${at('query', list)}.dependsOn[0]`, message: 'must be one of the services (Chunker_One, embedder, query), got "chunker"' },
      ]),
    );
  });

  it('refuses an env variable that dependsOn derives', () => {
    const list = servicesWith('query', (s) => (s.env = { EMBEDDER_URL: 'http://elsewhere:1' }));
    expect(problemsOf({ services: list })).toEqual([
      { path: `${at('query')}.env.EMBEDDER_URL`, message: 'must not set EMBEDDER_URL: dependsOn derives it from the service definition, got "EMBEDDER_URL"' },
    ]);
  });

  it('refuses unknown keys and bad cluster access through the schema', () => {
    const list = servicesWith('chunker', (s) => (s.replica = 3));
    const problems = problemsOf({ services: list, clusters: { dev: { eksClusterName: 'acme dev' } } });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: `${at('chunker')}.replica`, message: expect.stringMatching(/^unknown key; allowed keys here: .*replicas/) },
        { path: 'kubernetes.clusters.dev.eksClusterName', message: expect.stringMatching(/^must be an EKS cluster name/) },
      ]),
    );
  });
});

describe('repositories the services use', () => {
  it('are immutable by default when a production environment runs them', () => {
    const byKey = Object.fromEntries(resolveRepositories(config()).map((r) => [r.key, r]));
    for (const name of NAMES) {
      expect(byKey[`rag/${name}`]).toMatchObject({ tagMutability: 'IMMUTABLE', usedByProduction: true, environments: ['dev', 'prod'] });
    }
  });

  it('stay mutable when only dev runs them', () => {
    const query = resolveRepositories(config({ clusters: { prod: undefined } })).find((r) => r.key === 'rag/query')!;
    expect(query).toMatchObject({ tagMutability: 'MUTABLE', usedByProduction: false, environments: ['dev'] });
  });

  it('follow repositoryPrefix and a repository named by its final name', () => {
    const repositories = resolveRepositories(
      config(
        { services: services().map((s) => (s.name === 'query' ? { ...s, repository: 'acme-query' } : s)) },
        { registry: { namingScheme: '{project}-{name}', repositories: [{ name: 'rag/chunker' }, { name: 'rag/embedder' }, { name: 'query' }] } },
      ),
    );
    expect(repositories.map((r) => [r.name, r.tagMutability])).toEqual([
      ['acme-rag/chunker', 'IMMUTABLE'],
      ['acme-rag/embedder', 'IMMUTABLE'],
      ['acme-query', 'IMMUTABLE'],
    ]);
  });
});

describe('built-in service sizing', () => {
  it('gives services the existing setup\'s replicas, requests and limits when the configuration sets none', () => {
    const [service] = resolveServices(config(), 'dev');
    expect(service.settings.replicas).toBe(2);
    expect(service.settings.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(service.origins['resources.limits.memory']).toBe('built-in defaults');
  });
});

describe('secrets never in plain text', () => {
  it('the attack: a literal database password in kubernetes.defaults is refused, pointing at secretKeyRef, without echoing the value', () => {
    const problems = problemsOf({ defaults: { env: { DB_PASSWORD: 'hunter2-prod', OPENAI_API_KEY: 'sk-live-1234', LOG_LEVEL: 'info', TOKEN_URL: 'https://auth.example/token' } } });
    expect(problems).toEqual([
      {
        path: 'kubernetes.defaults.env.DB_PASSWORD',
        message:
          'must not be a literal value: "DB_PASSWORD" looks like a secret (PASSWORD), and a literal is stored in the Deployment, the Terraform plan and the state; put it in a Secret and use valueFrom: { secretKeyRef: { name: <secret>, key: <key> } }, got a literal of 12 characters',
      },
      {
        path: 'kubernetes.defaults.env.OPENAI_API_KEY',
        message:
          'must not be a literal value: "OPENAI_API_KEY" looks like a secret (API_KEY), and a literal is stored in the Deployment, the Terraform plan and the state; put it in a Secret and use valueFrom: { secretKeyRef: { name: <secret>, key: <key> } }, got a literal of 12 characters',
      },
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('accepts the same names from an existing Secret, and checks the reference', () => {
    const fromSecret = { valueFrom: { secretKeyRef: { name: 'rag-db', key: 'password' } } };
    expect(problemsOf({ defaults: { env: { DB_PASSWORD: fromSecret, MODEL: { valueFrom: { configMapKeyRef: { name: 'rag-config', key: 'model' } } } } } })).toEqual([]);
    expect(problemsOf({ defaults: { env: { DB_PASSWORD: { valueFrom: { secretKeyRef: { name: 'Rag_DB', key: 'pass word' } } } } } })).toEqual([
      { path: 'kubernetes.defaults.env.DB_PASSWORD.valueFrom.secretKeyRef.name', message: 'must be the name of a Secret (a DNS-1123 subdomain: a-z, 0-9, - and ., at most 253 characters), got "Rag_DB"' },
      { path: 'kubernetes.defaults.env.DB_PASSWORD.valueFrom.secretKeyRef.key', message: 'must be a data key (letters, digits, - _ and ., at most 253 characters), got "pass word"' },
    ]);
  });

  it('a later layer that replaces the reference with a literal is refused at that layer', () => {
    const list = servicesWith('query', (s) => (s.environments = { prod: { env: { SESSION_SECRET: 'abc' } } }));
    expect(problemsOf({ services: list, defaults: { env: { SESSION_SECRET: { valueFrom: { secretKeyRef: { name: 'rag', key: 'session' } } } } } })).toEqual([
      expect.objectContaining({ path: `${at('query', list)}.environments.prod.env.SESSION_SECRET`, message: expect.stringMatching(/^must not be a literal value: "SESSION_SECRET" looks like a secret \(SECRET\)/) }),
    ]);
  });
});
