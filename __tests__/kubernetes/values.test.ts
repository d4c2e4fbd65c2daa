import { TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { collectValidationErrors } from '../../src/cli/synth';
import { RagService } from '../../src/constructs/kubernetes/rag-service';
import { WorkloadNamespace } from '../../src/constructs/kubernetes/namespace';
import { MAX_ENV_STRING_BYTES, MAX_POD_ENV_BYTES } from '../../src/domain/kubernetes/env-limits';
import { configWith, defaultConfigInput } from '../support/config';
import { kubernetesObjects } from '../support/kubernetes-manifests';
import { schemaProblems } from '../support/kubernetes-schema';
import { HOST, containerOf, problemsOf, resourcesOf, synthWorkloads } from './helpers';
import { testApp } from '../support/temp-dir';

/** The example's kubernetes section with keys replaced. */
const k8s = (overrides: Record<string, unknown>) => ({ kubernetes: { ...defaultConfigInput().kubernetes, ...overrides } });
const withDefaults = (defaults: Record<string, unknown>) => k8s({ defaults: { ...defaultConfigInput().kubernetes!.defaults, ...defaults } });

/** Every object of the dev workloads stack, each with its schema problems (part of every accepted case below). */
function objectsOf(overrides: Record<string, unknown>) {
  const json = synthWorkloads(configWith(overrides), 'dev');
  const objects = kubernetesObjects(json).map(({ manifest }) => ({ manifest, problems: schemaProblems(manifest) }));
  expect(objects.filter((o) => o.problems.length)).toEqual([]);
  return { json, manifests: objects.map((o) => o.manifest) };
}

describe('resource quantities are checked by unit', () => {
  it('accepts integer CPU as a number or a string, and memory with decimal, binary or exponent suffixes', () => {
    const resources = { requests: { cpu: 1, memory: '1G' }, limits: { cpu: '2', memory: '1.5Gi' } };
    expect(problemsOf(withDefaults({ resources }))).toEqual([]);
    const { json } = objectsOf(withDefaults({ resources }));
    expect(containerOf(resourcesOf(json, 'kubernetes_deployment_v1')[0]).resources).toEqual({
      requests: { cpu: '1', memory: '1G' },
      limits: { cpu: '2', memory: '1.5Gi' },
    });
    expect(problemsOf(withDefaults({ resources: { requests: { cpu: '0.001', memory: 1073741824 }, limits: { cpu: 0.5, memory: '2e9' } } }))).toEqual([]);
  });

  it('refuses a power-of-two suffix and sub-millicore precision on CPU, and fractions of a byte on memory', () => {
    const resources = { requests: { cpu: '256Mi', memory: '512m' }, limits: { cpu: '100u', memory: '1Gi' } };
    expect(problemsOf(withDefaults({ resources }))).toEqual([
      {
        path: 'kubernetes.defaults.resources.requests.cpu',
        message: 'must be CPU units: cores (e.g. 1 or 0.5) or millicores (e.g. 250m); "Mi" is a power-of-two suffix for memory, got "256Mi"',
      },
      {
        path: 'kubernetes.defaults.resources.requests.memory',
        message:
          'must be bytes: a number with a decimal (k, M, G, T, P, E) or power-of-two (Ki, Mi, Gi, Ti, Pi, Ei) suffix, not "m" (milli/micro/nano, a fraction of a byte), got "512m"',
      },
      {
        path: 'kubernetes.defaults.resources.limits.cpu',
        message: 'must be a whole number of millicores (Kubernetes allows no CPU precision finer than 1m), e.g. 250m or 0.001, got "100u"',
      },
    ]);
    expect(problemsOf(withDefaults({ resources: { limits: { cpu: 0.0005 } } }))).toEqual([
      { path: 'kubernetes.defaults.resources.limits.cpu', message: expect.stringMatching(/^must be a whole number of millicores .*, got "0.0005"$/) },
    ]);
  });
});

describe("Kubernetes' own namespaces are used as they exist, never created", () => {
  it.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('%s: no namespace resource; every object names it', (namespace) => {
    const { json, manifests } = objectsOf(k8s({ namespace, admissionPolicy: { enabled: true } }));
    expect(json.resource.kubernetes_namespace_v1).toBeUndefined();
    expect(manifests.map((m) => m.kind)).not.toContain('Namespace');
    for (const manifest of manifests.filter((m) => m.kind !== 'K8sAllowedRepos')) expect(manifest.metadata.namespace).toBe(namespace);
    expect(manifests.find((m) => m.kind === 'K8sAllowedRepos')!.spec.match.namespaces).toEqual([namespace]);
    for (const resources of Object.values<Record<string, any>>(json.resource)) {
      for (const resource of Object.values(resources)) expect(resource.depends_on ?? []).not.toContainEqual(expect.stringMatching(/^kubernetes_namespace_v1\./));
    }
  });

  it('an ordinary namespace is still created', () => {
    expect(resourcesOf(objectsOf(k8s({ namespace: 'kubeflow' })).json, 'kubernetes_namespace_v1')).toHaveLength(1);
  });

  it('the namespace construct refuses to create one', () => {
    const s = new TerraformStack(testApp(), 'test');
    new KubernetesProvider(s, 'kubernetes', { configPath: '~/.kube/config' });
    new WorkloadNamespace(s, 'ns', { name: 'kube-system', partOf: 'x' });
    expect(collectValidationErrors(s)).toEqual([
      `[test/ns] 'name' must not be "default" or start with "kube-": Kubernetes creates and owns those namespaces, so they are used as they exist, never created, got "kube-system"`,
    ]);
  });
});

describe('environment values stay within what the API server and the kubelet take', () => {
  it('accepts a large value within the limits, and the Deployment meets the schema', () => {
    const env = { BIG: 'x'.repeat(MAX_ENV_STRING_BYTES - 'BIG='.length) };
    expect(problemsOf(withDefaults({ env }))).toEqual([]);
    objectsOf(withDefaults({ env }));
  });

  it('refuses one NAME=value longer than Linux lets a process start with', () => {
    const env = { BIG: 'x'.repeat(MAX_ENV_STRING_BYTES - 'BIG='.length + 1) };
    expect(problemsOf(withDefaults({ env }))).toEqual([
      {
        path: 'kubernetes.defaults.env.BIG',
        message: expect.stringMatching(
          /^must be at most 131,071 bytes as NAME=value \(Linux's MAX_ARG_STRLEN: the container would not start\), got 131,072 bytes \("x{20,}\.\.\.\); mount large values/,
        ),
      },
    ]);
  });

  it('refuses a pod environment over 1 MiB in total, counting multi-byte characters as bytes', () => {
    // Ten values of 110,000 bytes (55,000 two-byte characters): each fits, together they do not.
    const env = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`PART_${i}`, 'é'.repeat(55_000)]));
    expect(problemsOf(withDefaults({ env }))).toEqual([
      {
        path: 'kubernetes.services[0].env',
        message:
          "must total at most 1,048,576 bytes of names and values (1 MiB, Kubernetes' ConfigMap limit; the Deployment, its ReplicaSets and Pods each carry them " +
          'and etcd refuses objects over 1.5 MiB), got 1,100,060 bytes in 10 variables; mount large values from a ConfigMap or Secret as files',
      },
      expect.objectContaining({ path: 'kubernetes.services[1].env' }),
      expect.objectContaining({ path: 'kubernetes.services[2].env' }),
    ]);
  });

  it('the service construct counts every variable it sets, the dependency URLs included', () => {
    const s = new TerraformStack(testApp(), 'test');
    new KubernetesProvider(s, 'kubernetes', { configPath: '~/.kube/config' });
    // Nine variables of 116,002 bytes and one of 4,552: 6 bytes under 1 MiB, until the URL (13 bytes) is added.
    const env: Record<string, string> = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`F${i}`, 'x'.repeat(116_000)]));
    env.F9 = 'x'.repeat(MAX_POD_ENV_BYTES - 6 - 9 * 116_002 - 2);
    expect(problemsOf(withDefaults({ env }))).toEqual([]);
    new RagService(s, 'svc', { name: 'reranker', namespace: 'search', image: `${HOST}/r:1`, port: 9000, partOf: 'x', version: '1', env: { ...env, A_URL: 'http://a' } });
    expect(collectValidationErrors(s)).toEqual([expect.stringMatching(/^\[test\/svc\] 'env' must total at most 1,048,576 bytes .*, got 1,048,583 bytes in 11 variables;/)]);
  });
});
