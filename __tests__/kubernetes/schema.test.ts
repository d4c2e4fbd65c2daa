import { configWith, defaultConfigInput } from '../support/config';
import { ConversionError, kubernetesObjects, toManifest } from '../support/kubernetes-manifests';
import { schemaProblems } from '../support/kubernetes-schema';
import { DIGEST, synthWorkloads } from './helpers';

/** Every workloads stack of a configuration: its Kubernetes objects, each with its schema problems. */
function checkedObjects(config: ReturnType<typeof configWith>) {
  return Object.keys(config.kubernetes!.clusters).flatMap((environment) =>
    kubernetesObjects(synthWorkloads(config, environment)).map(({ address, manifest }) => ({
      object: `${environment}/${address} (${manifest.kind})`,
      manifest,
      problems: schemaProblems(manifest),
    })),
  );
}

const kindsOf = (objects: ReturnType<typeof checkedObjects>) => [...new Set(objects.map((o) => o.manifest.kind))].sort();
const withProblems = (objects: ReturnType<typeof checkedObjects>) => objects.filter((o) => o.problems.length).map(({ object, problems }) => ({ object, problems }));

/** A configuration that sets every option of the kubernetes section. */
function everyOption() {
  const example = defaultConfigInput().kubernetes!;
  return configWith({
    kubernetes: {
      namespace: 'rag-apps',
      partOf: 'faro',
      clusterDomain: 'cluster.example',
      repositoryPrefix: 'faro-rag/',
      defaults: {
        replicas: 3,
        resources: { requests: { cpu: '0.5', memory: '1Gi' }, limits: { cpu: '1', memory: '2G' } },
        probePath: '/healthz',
        env: { LOG_LEVEL: 'info' },
        runAsUser: 20000,
        topologySpread: { maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' },
        tag: '2.0.0',
      },
      environments: { prod: { topologySpread: true, env: { LOG_LEVEL: 'warn' } }, dev: { replicas: 2 } },
      services: [
        ...example.services!,
        {
          name: 'reranker',
          port: 9000,
          repository: 'custom-apps',
          digest: DIGEST,
          replicas: 1,
          dependsOn: ['rag-query'],
          env: {
            RERANKER_API_KEY: { valueFrom: { secretKeyRef: { name: 'reranker-credentials', key: 'api-key' } } },
            MODEL_NAME: { valueFrom: { configMapKeyRef: { name: 'reranker-config', key: 'model', optional: true } } },
          },
          environments: {
            prod: { autoscaling: { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 60 }, probePath: '/ready' },
            dev: { topologySpread: false },
          },
        },
      ] as any,
      clusters: { dev: { kubeconfig: { path: '~/.kube/config', context: 'dev' } }, prod: { eksClusterName: 'faro-prod', eksAuth: 'exec' } },
      admissionPolicy: { enabled: true, enforcementAction: 'warn' },
    },
  });
}

describe('Kubernetes objects of the workloads stacks meet the official schema', () => {
  it('the example configuration: every object of every workloads stack', () => {
    const objects = checkedObjects(configWith());
    expect(kindsOf(objects)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Namespace', 'PodDisruptionBudget', 'Service']);
    expect(withProblems(objects)).toEqual([]);
  });

  it('a configuration with every kubernetes option: every object of every workloads stack', () => {
    const objects = checkedObjects(everyOption());
    expect(kindsOf(objects)).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'K8sAllowedRepos', 'Namespace', 'PodDisruptionBudget', 'Service']);
    expect(withProblems(objects)).toEqual([]);
    // The options reached the objects (so the check above saw them).
    const deployments = objects.filter((o) => o.manifest.kind === 'Deployment').map((o) => o.manifest);
    const pod = deployments.find((d) => d.metadata.name === 'reranker' && d.metadata.namespace === 'rag-apps')!.spec.template.spec;
    expect(pod.containers[0].ports).toEqual([{ name: 'http', containerPort: 9000, protocol: 'TCP' }]);
    expect(pod.securityContext.runAsUser).toBe(20000);
    // valueFrom carries only the object and the key, never a value.
    expect(pod.containers[0].env.filter((e: any) => e.valueFrom)).toEqual([
      { name: 'MODEL_NAME', valueFrom: { configMapKeyRef: { name: 'reranker-config', key: 'model', optional: true } } },
      { name: 'RERANKER_API_KEY', valueFrom: { secretKeyRef: { name: 'reranker-credentials', key: 'api-key' } } },
    ]);
    expect(deployments.some((d) => d.spec.template.spec.topologySpreadConstraints?.[0]?.whenUnsatisfiable === 'DoNotSchedule')).toBe(true);
    expect(deployments.some((d) => d.spec.template.spec.containers[0].readinessProbe.httpGet?.path === '/ready')).toBe(true);
  });
});

describe('the converter and the schema check can fail', () => {
  const deployment = () => structuredClone(Object.values<any>(synthWorkloads(configWith(), 'dev').resource.kubernetes_deployment_v1)[0]);

  it('converts block lists, singular repeated blocks and the provider\'s numeric strings the way the API has them', () => {
    const manifest = toManifest('kubernetes_deployment_v1', deployment());
    expect(manifest).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 2, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } });
    const container = manifest.spec.template.spec.containers[0];
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 8000 });
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(schemaProblems(manifest)).toEqual([]);
  });

  it('refuses a provider field it cannot place, and a resource type it does not know', () => {
    const wrong = deployment();
    wrong.spec.template.spec.container[0].liveness_probe.tcp_sockets = wrong.spec.template.spec.container[0].liveness_probe.tcp_socket;
    expect(() => toManifest('kubernetes_deployment_v1', wrong, 'deployment')).toThrow(
      new ConversionError('deployment.spec.template.spec.container[0].liveness_probe.tcp_sockets: V1Probe has no such field'),
    );
    expect(() => toManifest('kubernetes_deployment_v1', { ...deployment(), wait_for_rollouts: false }, 'deployment')).toThrow(/wait_for_rollouts: not a field/);
    expect(() => kubernetesObjects({ resource: { kubernetes_cron_job_v1: { job: {} } } })).toThrow(/no conversion for resource type kubernetes_cron_job_v1/);
  });

  it('reports a wrong type and an unknown API field', () => {
    const manifest = toManifest('kubernetes_deployment_v1', deployment());
    manifest.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    manifest.spec.template.spec.containers[0].readinessProbe.tcpSockets = { port: 8000 };
    expect(schemaProblems(manifest)).toEqual([
      '/spec/template/spec/containers/0/ports/0/containerPort: must be integer {"type":"integer"}',
      'spec.template.spec.containers[0].readinessProbe.tcpSockets: not a field of apps/v1 Deployment',
    ]);
  });

  it('checks a Gatekeeper constraint against the constraint\'s fields', () => {
    const constraint = {
      apiVersion: 'constraints.gatekeeper.sh/v1beta1',
      kind: 'K8sAllowedRepos',
      metadata: { name: 'x', label: { a: 'b' } },
      spec: { enforcementAction: 'block', match: { namespace: ['x'] }, parameters: { repos: ['a/'] } },
    };
    expect(schemaProblems(constraint)).toEqual([
      expect.stringMatching(/^\/spec\/enforcementAction: /),
      expect.stringMatching(/^\/spec\/match: Unrecognized key.*namespace/),
      'metadata.label: not a field of ObjectMeta',
    ]);
  });
});
