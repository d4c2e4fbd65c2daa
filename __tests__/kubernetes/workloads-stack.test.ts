import { buildApp } from '../../src/app';
import { ConfigError } from '../../src/config/problems';
import type { PlatformConfig } from '../../src/config/schema';
import { configWith } from '../support/config';
import { minimalConfig, withWorkloads, type ConfigOverrides } from '../support/minimal-config';
import { containerOf, DIGEST, HOST, named, resourcesOf, synthWorkloads } from './helpers';

// Options on the minimal configuration with three RAG services of the test's own, from rag/<name>.
const NAMES = ['document-chunking', 'embeddings-engine', 'rag-query'];
type Service = Record<string, any>;

function ragServices(): Service[] {
  return [
    { name: 'document-chunking', port: 8000, tag: '1.0.0' },
    { name: 'embeddings-engine', port: 8001, tag: '1.0.0' },
    { name: 'rag-query', port: 8002, tag: '1.0.0', dependsOn: ['document-chunking', 'embeddings-engine'] },
  ];
}

/** The services with the one named `name` changed. */
function ragServicesWith(name: string, change: (service: Service) => void): Service[] {
  const list = ragServices();
  change(list.find((s) => s.name === name)!);
  return list;
}

/** The minimal configuration with the services' repositories, this kubernetes section over withWorkloads, and `more`. */
function ragConfig(kubernetes: Record<string, unknown> = {}, more: ConfigOverrides = {}): PlatformConfig {
  return minimalConfig({
    registry: { repositories: NAMES.map((name) => ({ name: `rag/${name}` })) },
    ...withWorkloads({ repositoryPrefix: 'rag/', services: ragServices(), ...kubernetes } as ConfigOverrides['kubernetes']),
    ...more,
  });
}

describe('workloads stack options', () => {
  const synth = (kubernetes: Record<string, unknown>, env: string, more: ConfigOverrides = {}) => synthWorkloads(ragConfig(kubernetes, more), env);

  it('uses a kubeconfig path and context, with no AWS data sources', () => {
    const json = synth({ clusters: { dev: { eksClusterName: undefined, kubeconfig: { path: '~/.kube/config', context: 'kind-rag' } } } }, 'dev');
    expect(json.provider.kubernetes).toEqual([{ config_path: '~/.kube/config', config_context: 'kind-rag' }]);
    expect(json.data).toBeUndefined();
  });

  it('reads the token from aws_eks_cluster_auth only when eksAuth: token asks for it', () => {
    const json = synth({ clusters: { prod: { eksAuth: 'token' } } }, 'prod');
    const [authId] = Object.keys(json.data.aws_eks_cluster_auth);
    expect(json.provider.kubernetes[0].token).toBe(`\${data.aws_eks_cluster_auth.${authId}.token}`);
  });

  it('fetches the EKS token with `aws eks get-token` (exec) by default, so no token is stored', () => {
    const json = synth(
      {},
      'prod',
      { aws: { assumeRoleArn: 'arn:aws:iam::111122223333:role/deployer' } },
    );
    expect(json.data.aws_eks_cluster_auth).toBeUndefined();
    const [clusterId] = Object.keys(json.data.aws_eks_cluster);
    expect(json.provider.kubernetes).toEqual([
      {
        host: `\${data.aws_eks_cluster.${clusterId}.endpoint}`,
        cluster_ca_certificate: `\${base64decode(data.aws_eks_cluster.${clusterId}.certificate_authority[0].data)}`,
        exec: [
          {
            api_version: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: ['eks', 'get-token', '--cluster-name', 'acme-prod', '--region', 'eu-central-1', '--role-arn', 'arn:aws:iam::111122223333:role/deployer'],
          },
        ],
      },
    ]);
  });

  it('pins a digest instead of a tag, labelling the version with a short digest', () => {
    const config = ragConfig({ services: ragServicesWith('embeddings-engine', (s) => (s.environments = { prod: { digest: DIGEST } })) });
    const prod = named(synthWorkloads(config, 'prod'), 'kubernetes_deployment_v1', 'embeddings-engine');
    expect(containerOf(prod).image).toBe(`${HOST}/rag/embeddings-engine@${DIGEST}`);
    expect(prod.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('sha256-ab12ab12ab12');
    expect(containerOf(named(synthWorkloads(config, 'dev'), 'kubernetes_deployment_v1', 'embeddings-engine')).image).toBe(`${HOST}/rag/embeddings-engine:1.0.0`);
  });

  it('uses per-environment tags, replicas, resources, env and an HTTP probe path', () => {
    const list = ragServicesWith('document-chunking', (s) =>
      Object.assign(s, {
        probePath: '/healthz',
        env: { LOG_LEVEL: 'info' },
        environments: { dev: { tag: 'latest', replicas: 1, env: { LOG_LEVEL: 'debug' }, resources: { limits: { memory: '1Gi' } } } },
      }),
    );
    const config = ragConfig({ services: list });
    const dev = synthWorkloads(config, 'dev');
    const prod = synthWorkloads(config, 'prod');
    const devDeployment = named(dev, 'kubernetes_deployment_v1', 'document-chunking');
    const devContainer = containerOf(devDeployment);
    expect(devContainer.image).toBe(`${HOST}/rag/document-chunking:latest`);
    expect(devContainer.image_pull_policy).toBe('Always');
    expect(devDeployment.spec.replicas).toBe('1');
    expect(devContainer.env).toEqual([{ name: 'LOG_LEVEL', value: 'debug' }]);
    expect(devContainer.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '1Gi' } });
    expect(devContainer.readiness_probe.http_get).toEqual({ path: '/healthz', port: '8000', scheme: 'HTTP' });
    expect(devContainer.liveness_probe.http_get).toEqual({ path: '/healthz', port: '8000', scheme: 'HTTP' });
    expect(devContainer.readiness_probe.tcp_socket).toBeUndefined();
    // One pod: no PDB, which would block node drains.
    expect(resourcesOf(dev, 'kubernetes_pod_disruption_budget_v1').map((p) => p.metadata.name).sort()).toEqual(['embeddings-engine', 'rag-query']);

    const prodContainer = containerOf(named(prod, 'kubernetes_deployment_v1', 'document-chunking'));
    expect(prodContainer.image).toBe(`${HOST}/rag/document-chunking:1.0.0`);
    expect(prodContainer.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(prodContainer.resources.limits).toEqual({ cpu: '500m', memory: '512Mi' });
  });

  it('follows a different namespace, cluster domain, repository naming and account everywhere it is derived', () => {
    const config = ragConfig(
      { namespace: 'rag', clusterDomain: 'corp.internal', services: ragServicesWith('rag-query', (s) => (s.repository = 'rag-query-v2')) },
      {
        aws: { accountId: '444455556666', region: 'us-east-1' },
        registry: { namingScheme: '{project}/{name}', repositories: [...NAMES.map((name) => ({ name: `rag/${name}` })), { name: 'rag-query-v2' }] },
      },
    );
    const json = synthWorkloads(config, 'dev');
    const container = containerOf(named(json, 'kubernetes_deployment_v1', 'rag-query'));
    expect(container.image).toBe('444455556666.dkr.ecr.us-east-1.amazonaws.com/acme/rag-query-v2:1.0.0');
    expect(container.env).toEqual([
      { name: 'DOCUMENT_CHUNKING_URL', value: 'http://document-chunking.rag.svc.corp.internal:8000' },
      { name: 'EMBEDDINGS_ENGINE_URL', value: 'http://embeddings-engine.rag.svc.corp.internal:8001' },
    ]);
    expect(containerOf(named(json, 'kubernetes_deployment_v1', 'document-chunking')).image).toBe('444455556666.dkr.ecr.us-east-1.amazonaws.com/acme/rag/document-chunking:1.0.0');
    expect(resourcesOf(json, 'kubernetes_namespace_v1')[0].metadata.name).toBe('rag');
  });

  /** What Gatekeeper's K8sAllowedRepos does with `repos`: an image is admitted when it starts with one of them. */
  const admits = (repos: string[], image: string) => repos.some((prefix) => image.startsWith(prefix));

  it('creates the Gatekeeper K8sAllowedRepos constraint with each repository exactly and the listed cached images', () => {
    const pullThroughCache = { rules: [{ upstream: 'docker-hub' as const }, { upstream: 'quay' as const }, { upstream: 'github' as const }, { upstream: 'k8s' as const }] };
    const json = synth({ admissionPolicy: { enabled: true, cachedImages: ['docker-hub/library/nginx', 'quay/prometheus/'] } }, 'prod', { pullThroughCache });
    const manifests = resourcesOf(json, 'kubernetes_manifest');
    expect(manifests).toHaveLength(1);
    expect(manifests[0].manifest).toEqual({
      apiVersion: 'constraints.gatekeeper.sh/v1beta1',
      kind: 'K8sAllowedRepos',
      metadata: { name: 'rag-services-allowed-repos', labels: { 'app.kubernetes.io/part-of': 'rag-platform', 'app.kubernetes.io/managed-by': 'cdktf' } },
      spec: {
        enforcementAction: 'deny',
        match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: ['rag-services'] },
        parameters: {
          repos: [
            `${HOST}/docker-hub/library/nginx:`,
            `${HOST}/docker-hub/library/nginx@`,
            `${HOST}/quay/prometheus/`,
            `${HOST}/rag/document-chunking:`,
            `${HOST}/rag/document-chunking@`,
            `${HOST}/rag/embeddings-engine:`,
            `${HOST}/rag/embeddings-engine@`,
            `${HOST}/rag/rag-query:`,
            `${HOST}/rag/rag-query@`,
          ],
        },
      },
    });
    expect(JSON.stringify(manifests[0])).not.toContain('ACCOUNT_ID');
    // Every image the stack deploys is admitted by its own constraint.
    for (const name of NAMES) {
      const image = containerOf(named(json, 'kubernetes_deployment_v1', name)).image as string;
      expect(admits(manifests[0].manifest.spec.parameters.repos, image)).toBe(true);
    }
  });

  it('the attack: a look-alike repository name, or any image of a cached upstream registry, is not admitted', () => {
    const pullThroughCache = { rules: [{ upstream: 'docker-hub' as const }] };
    const json = synth({ admissionPolicy: { enabled: true, cachedImages: ['docker-hub/library/nginx'] } }, 'prod', { pullThroughCache });
    const repos: string[] = resourcesOf(json, 'kubernetes_manifest')[0].manifest.spec.parameters.repos;
    expect(admits(repos, `${HOST}/rag/rag-query:1.0.0`)).toBe(true);
    expect(admits(repos, `${HOST}/rag/rag-query@${DIGEST}`)).toBe(true);
    expect(admits(repos, `${HOST}/rag/rag-query-x:1.0.0`)).toBe(false);
    expect(admits(repos, `${HOST}/rag/rag-query/evil:1.0.0`)).toBe(false);
    expect(admits(repos, `${HOST}/docker-hub/library/nginx:1.27`)).toBe(true);
    expect(admits(repos, `${HOST}/docker-hub/attacker/miner:latest`)).toBe(false);
    expect(admits(repos, `${HOST}/docker-hub/library/nginx-evil:1`)).toBe(false);
  });

  it('admits no cached image unless listed; the enforcement action is configurable', () => {
    const json = synth({ admissionPolicy: { enabled: true, enforcementAction: 'dryrun' } }, 'dev', { pullThroughCache: { rules: [{ upstream: 'ecr-public', prefix: 'public' }] } });
    const manifest = resourcesOf(json, 'kubernetes_manifest')[0].manifest;
    expect(manifest.spec.enforcementAction).toBe('dryrun');
    expect(manifest.spec.parameters.repos.filter((r: string) => r.includes('/public'))).toEqual([]);
  });

  it('refuses cached images that would admit a whole upstream registry or name no cache prefix', () => {
    const problems = () =>
      ragConfig({ admissionPolicy: { enabled: true, cachedImages: ['docker-hub/', 'docker-hub', 'quay/prometheus/node-exporter', 'docker-hub/Library/Nginx'] } }, { pullThroughCache: { rules: [{ upstream: 'docker-hub' }] } });
    expect(problems).toThrow(ConfigError);
    try {
      problems();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        {
          path: 'kubernetes.admissionPolicy.cachedImages[0]',
          message: 'must name an upstream repository or namespace under "docker-hub/" (e.g. "docker-hub/library/nginx"): the prefix alone admits the whole upstream registry, got "docker-hub/"',
        },
        {
          path: 'kubernetes.admissionPolicy.cachedImages[1]',
          message: 'must name an upstream repository or namespace under "docker-hub/" (e.g. "docker-hub/library/nginx"): the prefix alone admits the whole upstream registry, got "docker-hub"',
        },
        { path: 'kubernetes.admissionPolicy.cachedImages[2]', message: 'must start with a pull-through cache prefix ("docker-hub/"), got "quay/prometheus/node-exporter"' },
        {
          path: 'kubernetes.admissionPolicy.cachedImages[3]',
          message: 'must be "docker-hub/" followed by a repository path of lower-case letters, digits and . _ - / (a trailing "/" admits a namespace), got "docker-hub/Library/Nginx"',
        },
      ]);
    }
  });
});

describe('workloads stack refusals', () => {
  it('builds a workloads stack for each environment with a cluster, and for no other', () => {
    // qa has no cluster: no stack a deploy could not reach (the stack takes a resolved environment, never a name).
    const config = configWith({ environments: { dev: {}, prod: { production: true }, qa: {} } });
    const { workloads } = buildApp(config);
    expect(Object.keys(workloads).sort()).toEqual(['dev', 'prod']);
    expect(workloads.qa).toBeUndefined();
  });

  it('runs the config checks on configurations built in code (latest in prod)', () => {
    const config = configWith();
    const tampered: PlatformConfig = {
      ...config,
      kubernetes: { ...config.kubernetes!, services: config.kubernetes!.services.map((s) => ({ ...s, tag: s.name === 'rag-query' ? 'latest' : s.tag })) },
    };
    expect(() => buildApp(tampered)).toThrow(ConfigError);
    expect(() => buildApp(tampered)).toThrow(/kubernetes\.services\[2\]\.tag: must not be "latest" in production environment "prod"/);
  });
});
