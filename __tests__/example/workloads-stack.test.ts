// The workloads stacks of the embedded example configuration.
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { containerOf, HOST, named, resourcesOf, synthWorkloads } from '../kubernetes/helpers';

const SERVICES = [
  { name: 'document-chunking', port: 8000 },
  { name: 'embeddings-engine', port: 8001 },
  { name: 'rag-query', port: 8002 },
];
const NAMES = SERVICES.map((s) => s.name);

describe('workloads stacks of the example platform', () => {
  const config = configWith();
  const dev = synthWorkloads(config, 'dev');
  const prod = synthWorkloads(config, 'prod');

  it('buildApp creates one workloads stack per cluster, with the state key per environment', () => {
    const platform = buildApp(config);
    expect(Object.keys(platform.workloads)).toEqual(['dev', 'prod']);
    expect(platform.workloads.prod.node.id).toBe('workloads-prod');
    for (const [env, json] of [['dev', dev], ['prod', prod]] as const) {
      expect(json.terraform.backend.s3).toMatchObject({ key: `environments/${env}/rag-services/terraform.tfstate`, encrypt: true, use_lockfile: true });
      expect(json.provider.aws[0].default_tags[0].tags.Environment).toBe(env);
    }
  });

  it('creates the namespace with the application labels and restricted pod security', () => {
    for (const json of [dev, prod]) {
      expect(resourcesOf(json, 'kubernetes_namespace_v1')).toEqual([
        {
          metadata: {
            name: 'rag-services',
            labels: {
              'app.kubernetes.io/part-of': 'rag-platform',
              'app.kubernetes.io/managed-by': 'cdktf',
              'pod-security.kubernetes.io/enforce': 'restricted',
              'pod-security.kubernetes.io/warn': 'restricted',
              'pod-security.kubernetes.io/audit': 'restricted',
            },
          },
        },
      ]);
    }
  });

  it('creates one Deployment and one ClusterIP Service per service, in the namespace, after it', () => {
    for (const json of [dev, prod]) {
      expect(resourcesOf(json, 'kubernetes_deployment_v1').map((d) => d.metadata.name).sort()).toEqual(NAMES);
      expect(resourcesOf(json, 'kubernetes_service_v1').map((s) => s.metadata.name).sort()).toEqual(NAMES);
      const namespaceAddress = `kubernetes_namespace_v1.${Object.keys(json.resource.kubernetes_namespace_v1)[0]}`;
      for (const type of ['kubernetes_deployment_v1', 'kubernetes_service_v1', 'kubernetes_pod_disruption_budget_v1']) {
        for (const resource of resourcesOf(json, type)) {
          expect(resource.metadata.namespace).toBe('rag-services');
          expect(resource.depends_on).toEqual([namespaceAddress]);
        }
      }
    }
  });

  it('derives construct IDs from service names', () => {
    expect(Object.keys(prod.resource.kubernetes_deployment_v1).sort()).toEqual(NAMES.map((n) => expect.stringMatching(new RegExp(`^service-${n}_deployment_`))));
  });

  it.each(SERVICES)('$name: the Service targets the container port $port, and selectors equal a subset of the pod labels', ({ name, port }) => {
    for (const json of [dev, prod]) {
      const deployment = named(json, 'kubernetes_deployment_v1', name);
      const service = named(json, 'kubernetes_service_v1', name);
      const container = containerOf(deployment);
      const podLabels = deployment.spec.template.metadata.labels;

      expect(container.port).toEqual([{ name: 'http', container_port: port, protocol: 'TCP' }]);
      expect(service.spec).toEqual({
        type: 'ClusterIP',
        selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'rag-platform' },
        port: [{ name: 'http', port, target_port: String(port), protocol: 'TCP' }],
      });
      expect(deployment.spec.selector).toEqual({ match_labels: service.spec.selector });
      expect(podLabels).toEqual({ ...service.spec.selector, 'app.kubernetes.io/version': '1.0.0', 'app.kubernetes.io/managed-by': 'cdktf' });
      expect(deployment.metadata.labels).toEqual(podLabels);
      expect(service.metadata.labels).toEqual(podLabels);
    }
  });

  it.each(SERVICES)('$name: the image comes from its ECR repository with the configured tag', ({ name }) => {
    for (const json of [dev, prod]) {
      const container = containerOf(named(json, 'kubernetes_deployment_v1', name));
      expect(container.name).toBe(name);
      expect(container.image).toBe(`${HOST}/faro-rag/${name}:1.0.0`);
      expect(container.image_pull_policy).toBe('IfNotPresent');
      expect(json.output.images.value[name]).toBe(container.image);
    }
  });

  it('gives rag-query the in-cluster URLs of the services it depends on, and the others no variables', () => {
    for (const json of [dev, prod]) {
      expect(containerOf(named(json, 'kubernetes_deployment_v1', 'rag-query')).env).toEqual([
        { name: 'DOCUMENT_CHUNKING_URL', value: 'http://document-chunking.rag-services.svc.cluster.local:8000' },
        { name: 'EMBEDDINGS_ENGINE_URL', value: 'http://embeddings-engine.rag-services.svc.cluster.local:8001' },
      ]);
      expect(containerOf(named(json, 'kubernetes_deployment_v1', 'document-chunking')).env).toBeUndefined();
      expect(json.output.service_urls.value['embeddings-engine']).toBe('http://embeddings-engine.rag-services.svc.cluster.local:8001');
    }
  });

  it.each(SERVICES)('$name: requests and limits of the existing setup', ({ name }) => {
    expect(containerOf(named(prod, 'kubernetes_deployment_v1', name)).resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
  });

  it.each(SERVICES)('$name: runs restricted: non-root, no escalation, read-only root with a writable /tmp, no capabilities, RuntimeDefault seccomp', ({ name }) => {
    const deployment = named(prod, 'kubernetes_deployment_v1', name);
    const pod = deployment.spec.template.spec;
    const container = containerOf(deployment);
    expect(pod.security_context).toEqual({
      run_as_non_root: true,
      run_as_user: '10001',
      run_as_group: '10001',
      fs_group: '10001',
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(container.security_context).toEqual({
      run_as_non_root: true,
      allow_privilege_escalation: false,
      privileged: false,
      read_only_root_filesystem: true,
      capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(container.volume_mount).toEqual([{ name: 'tmp', mount_path: '/tmp' }]);
    expect(pod.volume).toEqual([{ name: 'tmp', empty_dir: {} }]);
    expect(pod.automount_service_account_token).toBe(false);
    expect(pod.enable_service_links).toBe(false);
  });

  it.each(SERVICES)('$name: TCP probes on the service port by default', ({ name, port }) => {
    const container = containerOf(named(prod, 'kubernetes_deployment_v1', name));
    for (const probe of ['readiness_probe', 'liveness_probe', 'startup_probe']) {
      expect(container[probe].tcp_socket).toEqual([{ port: String(port) }]);
      expect(container[probe].http_get).toBeUndefined();
    }
    expect(container.readiness_probe).toMatchObject({ period_seconds: 10, failure_threshold: 3 });
    expect(container.startup_probe).toMatchObject({ period_seconds: 5, failure_threshold: 60 });
  });

  it('runs 2 replicas with a rolling update that never drops below them, and a PDB for each service', () => {
    for (const name of ['document-chunking', 'embeddings-engine']) {
      const deployment = named(prod, 'kubernetes_deployment_v1', name);
      expect(deployment.spec.replicas).toBe('2');
      expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rolling_update: { max_surge: '1', max_unavailable: '0' } });
    }
    for (const json of [dev, prod]) {
      for (const name of NAMES) {
        const pdb = named(json, 'kubernetes_pod_disruption_budget_v1', name);
        expect(pdb.spec).toEqual({ max_unavailable: '1', selector: { match_labels: named(json, 'kubernetes_service_v1', name).spec.selector } });
      }
    }
  });

  it('autoscales rag-query in prod only (from its prod override), leaving replicas to the autoscaler', () => {
    expect(resourcesOf(dev, 'kubernetes_horizontal_pod_autoscaler_v2')).toEqual([]);
    expect(named(dev, 'kubernetes_deployment_v1', 'rag-query').spec.replicas).toBe('2');

    const hpas = resourcesOf(prod, 'kubernetes_horizontal_pod_autoscaler_v2');
    expect(hpas).toHaveLength(1);
    expect(hpas[0].metadata).toMatchObject({ name: 'rag-query', namespace: 'rag-services' });
    expect(hpas[0].spec).toEqual({
      min_replicas: 2,
      max_replicas: 6,
      scale_target_ref: { api_version: 'apps/v1', kind: 'Deployment', name: 'rag-query' },
      metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', average_utilization: 70 } } }],
    });
    const deployment = named(prod, 'kubernetes_deployment_v1', 'rag-query');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.lifecycle).toEqual({ ignore_changes: ['spec[0].replicas'] });
    expect(hpas[0].depends_on).toEqual([`kubernetes_deployment_v1.${Object.keys(prod.resource.kubernetes_deployment_v1).find((k) => k.startsWith('service-rag-query_'))}`]);
  });

  it('spreads prod pods across zones (kubernetes.environments.prod), not dev pods', () => {
    for (const name of NAMES) {
      const spec = named(prod, 'kubernetes_deployment_v1', name).spec;
      expect(spec.template.spec.topology_spread_constraint).toEqual([
        { max_skew: 1, topology_key: 'topology.kubernetes.io/zone', when_unsatisfiable: 'ScheduleAnyway', label_selector: [{ match_labels: spec.selector.match_labels }] },
      ]);
      expect(named(dev, 'kubernetes_deployment_v1', name).spec.template.spec.topology_spread_constraint).toBeUndefined();
    }
  });

  it('reaches each cluster by EKS name: endpoint and CA from aws_eks_cluster, the token from `aws eks get-token` (no token in plan or state)', () => {
    for (const [env, json] of [['dev', dev], ['prod', prod]] as const) {
      const [clusterId] = Object.keys(json.data.aws_eks_cluster);
      expect(json.data.aws_eks_cluster[clusterId]).toEqual({ name: `faro-${env}` });
      expect(json.data.aws_eks_cluster_auth).toBeUndefined();
      expect(json.provider.kubernetes).toEqual([
        {
          host: `\${data.aws_eks_cluster.${clusterId}.endpoint}`,
          cluster_ca_certificate: `\${base64decode(data.aws_eks_cluster.${clusterId}.certificate_authority[0].data)}`,
          exec: [{ api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token', '--cluster-name', `faro-${env}`, '--region', 'eu-central-1'] }],
        },
      ]);
    }
  });

  it('creates no admission constraint unless enabled', () => {
    expect(resourcesOf(prod, 'kubernetes_manifest')).toEqual([]);
  });
});
