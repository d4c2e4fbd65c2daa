import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import type { DeploymentV1SpecTemplateSpecContainer } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import type { Construct } from 'constructs';
import { parseImage } from '../../src/guardrails/kubernetes-containers';
import { findingsOf, HOST, stack } from './support';

/** A container that passes every Kubernetes rule; tests take parts away. */
const GOOD: DeploymentV1SpecTemplateSpecContainer = {
  name: 'api',
  image: `${HOST}/api:1.2.3`,
  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  readinessProbe: { tcpSocket: [{ port: '8080' }] },
  livenessProbe: { tcpSocket: [{ port: '8080' }] },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
};

function deployment(scope: Construct, id: string, container: Partial<DeploymentV1SpecTemplateSpecContainer>, podSecurity?: { runAsNonRoot?: boolean; runAsUser?: string }): void {
  new DeploymentV1(scope, id, {
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { container: [{ ...GOOD, name: id, ...container }], securityContext: podSecurity } },
    },
  });
}

const workloads = (environment: string, build: (scope: Construct) => void) => stack(`workloads-${environment}`, build, { environment });
const PROD = { productionEnvironments: ['prod'] };

describe('K8S-001 no latest in production', () => {
  const images = (scope: Construct) => {
    deployment(scope, 'tagged', {});
    deployment(scope, 'latest', { image: `${HOST}/api:latest` });
    deployment(scope, 'untagged', { image: 'nginx' });
    deployment(scope, 'digest', { image: `${HOST}/api@sha256:${'a'.repeat(64)}` });
  };

  it('flags latest and untagged images in production stacks', () => {
    expect(findingsOf('K8S-001', [workloads('prod', images)], PROD).map((f) => [f.level, f.resource, f.message])).toEqual([
      ['error', 'workloads-prod/latest', `container "latest" runs "${HOST}/api:latest" in production: the latest tag.`],
      ['error', 'workloads-prod/untagged', 'container "untagged" runs "nginx" in production: no tag, which means latest.'],
    ]);
  });

  it('leaves non-production stacks alone', () => {
    expect(findingsOf('K8S-001', [workloads('dev', images)], PROD)).toEqual([]);
  });

  it('parses image references with registry ports, paths and digests', () => {
    expect(parseImage('localhost:5000/team/api:1.0')).toEqual({ host: 'localhost:5000', repository: 'team/api', tag: '1.0' });
    expect(parseImage(`${HOST}/faro-rag/query@sha256:abc`)).toEqual({ host: HOST, repository: 'faro-rag/query', digest: 'sha256:abc' });
    expect(parseImage('library/nginx')).toEqual({ repository: 'library/nginx' });
  });
});

describe('K8S-002 requests and limits', () => {
  it('flags a container without requests or a memory limit', () => {
    const s = workloads('dev', (scope) => {
      deployment(scope, 'good', {});
      deployment(scope, 'none', { resources: undefined });
      deployment(scope, 'no-limit', { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1' } } });
    });
    expect(findingsOf('K8S-002', [s]).map((f) => [f.resource, f.message])).toEqual([
      ['workloads-dev/none', 'container "none" has no requests.cpu, requests.memory, limits.memory.'],
      ['workloads-dev/no-limit', 'container "no-limit" has no limits.memory.'],
    ]);
  });
});

describe('K8S-003 probes', () => {
  it('flags a container without readiness or liveness probe', () => {
    const s = workloads('dev', (scope) => deployment(scope, 'blind', { readinessProbe: undefined, livenessProbe: undefined }));
    expect(findingsOf('K8S-003', [s]).map((f) => f.message)).toEqual(['container "blind" has no readiness_probe and no liveness_probe.']);
  });
});

describe('K8S-004 non-root security context', () => {
  it('flags a container that may run as root, privileged, or with privilege escalation', () => {
    const s = workloads('dev', (scope) => {
      deployment(scope, 'root', { securityContext: undefined });
      deployment(scope, 'privileged', { securityContext: { runAsNonRoot: true, privileged: true, allowPrivilegeEscalation: true } });
    });
    expect(findingsOf('K8S-004', [s]).map((f) => f.message)).toEqual([
      'container "root" may run as root (no run_as_non_root = true or run_as_user > 0).',
      'container "privileged" is privileged, allows privilege escalation.',
    ]);
  });

  it("accepts the pod's security context (run_as_user > 0) for its containers", () => {
    const s = workloads('dev', (scope) => deployment(scope, 'pod-level', { securityContext: undefined }, { runAsUser: '10001' }));
    expect(findingsOf('K8S-004', [s])).toEqual([]);
  });
});

describe('containers in other workload kinds', () => {
  it('checks cron jobs and raw manifests too', () => {
    const s = workloads('dev', (scope) => {
      new CronJobV1(scope, 'nightly', {
        metadata: { name: 'nightly' },
        spec: {
          schedule: '0 3 * * *',
          jobTemplate: { metadata: {}, spec: { template: { metadata: {}, spec: { container: [{ name: 'job', image: `${HOST}/job:1.0.0` }] } } } },
        },
      });
      new Manifest(scope, 'raw', {
        manifest: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'raw', namespace: 'x' },
          spec: { template: { spec: { containers: [{ name: 'raw', image: `${HOST}/raw:1.0.0` }] } } },
        },
      });
    });
    expect(findingsOf('K8S-003', [s]).map((f) => f.resource)).toEqual(['workloads-dev/nightly', 'workloads-dev/raw']);
  });
});

describe('K8S-005 the admission policy admits exactly what it names', () => {
  const constraint = (scope: Construct, repos: string[]) =>
    new Manifest(scope, 'allowed-repos', {
      manifest: { apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'allowed' }, spec: { parameters: { repos } } },
    });

  it('the attack: an entry that ends mid-name, a bare host, and a whole cached upstream registry', () => {
    const registry = stack('registry', (scope) => new EcrPullThroughCacheRule(scope, 'hub', { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' }));
    const s = workloads('prod', (scope) => constraint(scope, [`${HOST}/faro-rag/rag-query`, HOST, `${HOST}/docker-hub/`, `${HOST}/app:`, `${HOST}/app@`, `${HOST}/docker-hub/library/nginx:`]));
    expect(findingsOf('K8S-005', [registry, s])).toEqual([
      expect.objectContaining({
        level: 'error',
        resource: 'workloads-prod/allowed-repos',
        message: `allowed repository "${HOST}/faro-rag/rag-query" ends inside a name, so it also admits "${HOST}/faro-rag/rag-query-x".`,
      }),
      expect.objectContaining({ message: `allowed repository "${HOST}" has no "/" after the registry host, so it also admits "${HOST}.attacker.example/app".` }),
      expect.objectContaining({ message: `allowed repository "${HOST}/docker-hub/" admits every image of the upstream registry cached under "docker-hub".` }),
    ]);
  });
});
