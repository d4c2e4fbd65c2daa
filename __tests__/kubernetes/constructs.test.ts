import { Testing, TerraformStack } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { RagService, checkRagServiceProps, type RagServiceProps } from '../../src/constructs/kubernetes/rag-service';
import { WorkloadNamespace } from '../../src/constructs/kubernetes/namespace';
import { AllowedReposConstraint } from '../../src/constructs/kubernetes/allowed-repos-constraint';
import { collectValidationErrors } from '../../src/cli/synth';
import { HOST, resourcesOf } from './helpers';
import { testApp } from '../support/temp-dir';

function stack(): TerraformStack {
  const s = new TerraformStack(testApp(), 'test');
  new KubernetesProvider(s, 'kubernetes', { configPath: '~/.kube/config' });
  return s;
}

const props: RagServiceProps = {
  name: 'reranker',
  namespace: 'search',
  image: `${HOST}/faro-rag/reranker:2.1.0`,
  port: 9000,
  partOf: 'search-platform',
  version: '2.1.0',
};

describe('RagService as a library construct', () => {
  it('has production defaults: 2 replicas, a PDB, UID 10001, no HPA, no spread', () => {
    const s = stack();
    const service = new RagService(s, 'reranker', props);
    const json = JSON.parse(Testing.synth(s, true));
    const [deployment] = resourcesOf(json, 'kubernetes_deployment_v1');
    expect(deployment.spec.replicas).toBe('2');
    expect(deployment.spec.template.spec.security_context.run_as_user).toBe('10001');
    expect(deployment.spec.template.spec.topology_spread_constraint).toBeUndefined();
    expect(deployment.spec.template.spec.container[0].resources).toBeUndefined();
    expect(resourcesOf(json, 'kubernetes_pod_disruption_budget_v1')).toHaveLength(1);
    expect(resourcesOf(json, 'kubernetes_horizontal_pod_autoscaler_v2')).toHaveLength(0);
    expect(service.url).toBe('http://reranker.search.svc.cluster.local:9000');
    expect(service.selector).toEqual({ 'app.kubernetes.io/name': 'reranker', 'app.kubernetes.io/part-of': 'search-platform' });
  });

  it('gets no PDB for one pod or an autoscaler with a minimum of one', () => {
    const s = stack();
    new RagService(s, 'one', { ...props, name: 'one', replicas: 1 });
    new RagService(s, 'scaled', { ...props, name: 'scaled', port: 9001, autoscaling: { minReplicas: 1, maxReplicas: 3, targetCpuUtilization: 80 }, resources: { requests: { cpu: '100m' } } });
    const json = JSON.parse(Testing.synth(s, true));
    expect(resourcesOf(json, 'kubernetes_pod_disruption_budget_v1')).toEqual([]);
    expect(resourcesOf(json, 'kubernetes_horizontal_pod_autoscaler_v2')[0].spec.metric[0].resource.target.average_utilization).toBe(80);
  });

  it('spreads with the given skew and policy', () => {
    const s = stack();
    new RagService(s, 'reranker', { ...props, topologySpread: { maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' } });
    const [deployment] = resourcesOf(JSON.parse(Testing.synth(s)), 'kubernetes_deployment_v1');
    expect(deployment.spec.template.spec.topology_spread_constraint[0]).toMatchObject({ max_skew: 2, when_unsatisfiable: 'DoNotSchedule' });
  });

  it('reports bad props the aws-cdk way, every one of them', () => {
    const s = stack();
    new RagService(s, 'bad', {
      ...props,
      name: 'Bad_Name',
      port: 70000,
      replicas: 0,
      version: 'not a label',
      image: ' ',
      resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
    });
    const errors = collectValidationErrors(s);
    expect(errors).toEqual([
      expect.stringMatching(/^\[test\/bad\] 'name' must be a DNS-1123 label that starts with a letter.*, got "Bad_Name"$/),
      "[test/bad] 'port' must be a port number from 1 to 65535, got 70000",
      expect.stringMatching(/^\[test\/bad\] 'version' must be a label value .*, got "not a label"$/),
      `[test/bad] 'image' must be an image reference, got " "`,
      "[test/bad] 'replicas' must be at least 1, got 0",
      `[test/bad] 'resources.requests.cpu' must not be above limits.cpu ("1"), got "2"`,
    ]);
    expect(() => Testing.synth(s, true)).toThrow(/'port' must be a port number/);
  });

  it('checkRagServiceProps accepts good props', () => {
    expect(checkRagServiceProps(props)).toEqual([]);
  });

  it('always pulls latest and untagged images, never a digest', () => {
    const s = stack();
    new RagService(s, 'a', { ...props, name: 'a', image: `${HOST}/x:latest` });
    new RagService(s, 'b', { ...props, name: 'b', port: 9001, image: 'localhost:5000/x' });
    new RagService(s, 'c', { ...props, name: 'c', port: 9002, image: `localhost:5000/x@sha256:${'0'.repeat(64)}` });
    const policies = Object.fromEntries(resourcesOf(JSON.parse(Testing.synth(s)), 'kubernetes_deployment_v1').map((d) => [d.metadata.name, d.spec.template.spec.container[0].image_pull_policy]));
    expect(policies).toEqual({ a: 'Always', b: 'Always', c: 'IfNotPresent' });
  });
});

describe('WorkloadNamespace and AllowedReposConstraint validations', () => {
  it('refuses a namespace that is not a DNS-1123 label', () => {
    const s = stack();
    new WorkloadNamespace(s, 'ns', { name: 'RAG', partOf: 'x' });
    expect(collectValidationErrors(s)).toEqual([expect.stringMatching(/^\[test\/ns\] 'name' must be a DNS-1123 label .*, got "RAG"$/)]);
  });

  it('uses the given pod security level', () => {
    const s = stack();
    new WorkloadNamespace(s, 'ns', { name: 'legacy', partOf: 'x', podSecurity: 'baseline' });
    const [ns] = resourcesOf(JSON.parse(Testing.synth(s, true)), 'kubernetes_namespace_v1');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  it('refuses a constraint with no prefixes, or a bare host that would admit look-alike registries', () => {
    const s = stack();
    new AllowedReposConstraint(s, 'none', { name: 'c', namespaces: ['rag'], repos: [], partOf: 'x' });
    new AllowedReposConstraint(s, 'bare', { name: 'd', namespaces: ['rag'], repos: [HOST], partOf: 'x' });
    new AllowedReposConstraint(s, 'mid-name', { name: 'e', namespaces: ['rag'], repos: [`${HOST}/rag/rag-query`, `${HOST}/rag/rag-query:`], partOf: 'x' });
    expect(collectValidationErrors(s)).toEqual([
      "[test/none] 'repos' must list at least one image prefix, got none",
      `[test/bare] 'repos[0]' must contain "/" after the registry host, got "${HOST}"`,
      `[test/mid-name] 'repos[0]' must end with ":" or "@" (one repository: Gatekeeper compares prefixes, so "${HOST}/rag/rag-query" also admits "${HOST}/rag/rag-query-x") or "/" (a namespace), got "${HOST}/rag/rag-query"`,
    ]);
  });
});
