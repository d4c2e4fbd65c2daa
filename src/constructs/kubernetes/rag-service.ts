import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { under, type Problem } from '../../domain/problem';
import { podLabels, selectorLabels } from '../../domain/kubernetes/labels';
import { asPropErrors, checkLabelValue, checkNamespaceName, checkPort, checkServiceName, checkWorkloadSettings, type WorkloadSettings } from '../../domain/kubernetes/rules';
import { inClusterUrl } from '../../domain/kubernetes/service-url';
import { isLiteral, keyRefOf, type EnvValueFrom } from '../../domain/kubernetes/env-values';

export interface RagServiceProps extends WorkloadSettings {
  /** Name of the Deployment, the Service, the container and the app.kubernetes.io/name label (a DNS-1123 label starting with a letter). */
  readonly name: string;
  readonly namespace: string;
  /** Full image reference: `<registry>/<repository>:<tag>` or `...@sha256:<digest>`. */
  readonly image: string;
  /** The port the container listens on; the Service exposes the same port and targets it. */
  readonly port: number;
  /** Value of the app.kubernetes.io/part-of label. */
  readonly partOf: string;
  /** Value of the app.kubernetes.io/version label (the image tag, or a short digest). */
  readonly version: string;
  /** Cluster DNS domain for `url`. @default cluster.local */
  readonly clusterDomain?: string;
  /** Resources created first, e.g. the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Defaults of a production Deployment. */
export const RAG_SERVICE_DEFAULTS = {
  /** Two pods, so a node drain or a rollout never takes the service down. */
  replicas: 2,
  /** An unprivileged UID and GID, set explicitly so `runAsNonRoot` holds even for images whose USER is a name. */
  runAsUser: 10001,
  /** Topology spread across zones. */
  topologyKey: 'topology.kubernetes.io/zone',
} as const;

/**
 * One HTTP service in the cluster, built the way a production service should be: a
 * Deployment (probes, restricted security context, read-only root filesystem with a
 * writable /tmp, labels from one place), a ClusterIP Service targeting the container port,
 * a PodDisruptionBudget when more than one pod runs, and optionally a
 * HorizontalPodAutoscaler and topology spread across zones.
 */
export class RagService extends Construct {
  readonly deployment: DeploymentV1;
  readonly service: ServiceV1;
  readonly podDisruptionBudget?: PodDisruptionBudgetV1;
  readonly autoscaler?: HorizontalPodAutoscalerV2;
  /** The in-cluster URL other services reach this one at. */
  readonly url: string;
  /** Labels the selectors use (a subset of the pod labels). */
  readonly selector: Record<string, string>;

  constructor(scope: Construct, id: string, props: RagServiceProps) {
    super(scope, id);
    this.node.addValidation({ validate: () => asPropErrors('', checkRagServiceProps(props)) });
    this.url = inClusterUrl(props, props.namespace, props.clusterDomain);
    this.selector = selectorLabels(props);
    const metadata = { name: props.name, namespace: props.namespace, labels: podLabels(props) };

    this.deployment = this.addDeployment(props, metadata);
    this.service = this.addService(props, metadata);
    this.podDisruptionBudget = this.addDisruptionBudget(props, metadata);
    this.autoscaler = this.addAutoscaler(props, metadata);
  }

  /** The Deployment: rolling updates without downtime, a restricted pod, one container. */
  private addDeployment(props: RagServiceProps, metadata: Metadata): DeploymentV1 {
    const uid = String(props.runAsUser ?? RAG_SERVICE_DEFAULTS.runAsUser);
    const spread = topologySpread(props, this.selector);
    return new DeploymentV1(this, 'deployment', {
      metadata,
      spec: {
        // With an autoscaler the replica count is its to set; Kubernetes advises leaving it out.
        replicas: props.autoscaling ? undefined : String(props.replicas ?? RAG_SERVICE_DEFAULTS.replicas),
        selector: { matchLabels: this.selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '1', maxUnavailable: '0' } },
        template: {
          metadata: { labels: metadata.labels },
          spec: {
            // The services never call the Kubernetes API, and service links would add stray variables.
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: uid,
              runAsGroup: uid,
              fsGroup: uid,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            container: [container(props)],
            // The root filesystem is read-only; /tmp is the one writable place.
            volume: [{ name: 'tmp', emptyDir: {} }],
            topologySpreadConstraint: spread,
          },
        },
      },
      lifecycle: props.autoscaling ? { ignoreChanges: ['spec[0].replicas'] } : undefined,
      dependsOn: props.dependsOn,
    });
  }

  /** A ClusterIP Service on the container port. */
  private addService(props: RagServiceProps, metadata: Metadata): ServiceV1 {
    return new ServiceV1(this, 'service', {
      metadata,
      spec: {
        type: 'ClusterIP',
        selector: this.selector,
        port: [{ name: 'http', port: props.port, targetPort: String(props.port), protocol: 'TCP' }],
      },
      dependsOn: props.dependsOn,
    });
  }

  /**
   * A voluntary disruption (node drain, cluster upgrade) takes at most one pod at a time;
   * with one pod a budget would block drains forever, so there is none.
   */
  private addDisruptionBudget(props: RagServiceProps, metadata: Metadata): PodDisruptionBudgetV1 | undefined {
    const minimumPods = props.autoscaling ? props.autoscaling.minReplicas : (props.replicas ?? RAG_SERVICE_DEFAULTS.replicas);
    if (minimumPods <= 1) return undefined;
    return new PodDisruptionBudgetV1(this, 'pod-disruption-budget', {
      metadata,
      spec: { maxUnavailable: '1', selector: { matchLabels: this.selector } },
      dependsOn: props.dependsOn,
    });
  }

  /** A HorizontalPodAutoscaler on CPU, when autoscaling is set. */
  private addAutoscaler(props: RagServiceProps, metadata: Metadata): HorizontalPodAutoscalerV2 | undefined {
    const { autoscaling } = props;
    if (!autoscaling) return undefined;
    return new HorizontalPodAutoscalerV2(this, 'autoscaler', {
      metadata,
      spec: {
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: props.name },
        metric: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.targetCpuUtilization ?? 70 } },
          },
        ],
      },
      dependsOn: [this.deployment],
    });
  }
}

interface Metadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** The one container: its image, port, environment, probes, resources and a locked-down security context. */
function container(props: RagServiceProps) {
  const containerPort = String(props.port);
  const env = Object.entries(props.env ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([envName, value]) => (isLiteral(value) ? { name: envName, value } : { name: envName, valueFrom: envValueFrom(value) }));
  const probeAction = props.probePath
    ? { httpGet: { path: props.probePath, port: containerPort, scheme: 'HTTP' } }
    : { tcpSocket: [{ port: containerPort }] };
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: pullPolicy(props.image),
    port: [{ name: 'http', containerPort: props.port, protocol: 'TCP' }],
    env: env.length ? env : undefined,
    resources: props.resources ? { requests: props.resources.requests, limits: props.resources.limits } : undefined,
    // A slow start (e.g. loading a model) gets five minutes before liveness applies.
    startupProbe: { ...probeAction, periodSeconds: 5, failureThreshold: 60, timeoutSeconds: 3 },
    readinessProbe: { ...probeAction, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 3 },
    livenessProbe: { ...probeAction, periodSeconds: 20, failureThreshold: 3, timeoutSeconds: 3 },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMount: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

/** Spread over zones: `true` is at most one pod more per zone, without blocking scheduling. */
function topologySpread(props: RagServiceProps, selector: Record<string, string>) {
  const spread = props.topologySpread === true ? { maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' } : props.topologySpread || undefined;
  if (!spread) return undefined;
  return [
    {
      maxSkew: spread.maxSkew,
      topologyKey: RAG_SERVICE_DEFAULTS.topologyKey,
      whenUnsatisfiable: spread.whenUnsatisfiable,
      labelSelector: [{ matchLabels: selector }],
    },
  ];
}

/** Every problem with a RagService's props, with prop paths. */
export function checkRagServiceProps(props: RagServiceProps): Problem[] {
  return [
    ...under('name', checkServiceName(props.name)),
    ...under('namespace', checkNamespaceName(props.namespace)),
    ...under('port', checkPort(props.port)),
    ...under('partOf', checkLabelValue(props.partOf)),
    ...under('version', checkLabelValue(props.version)),
    ...(props.image.trim() ? [] : [{ path: 'image', message: `must be an image reference, got ${JSON.stringify(props.image)}` }]),
    ...checkWorkloadSettings(props),
  ];
}

/** A digest or a version tag never changes, so a node's copy is good; `latest` (or no tag) may move. */
function pullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** `valueFrom` as the provider takes it: only the name and key of an existing Secret or ConfigMap, never the value. */
function envValueFrom(value: EnvValueFrom) {
  const { kind, ref } = keyRefOf(value);
  const keyRef = { name: ref.name, key: ref.key, ...(ref.optional !== undefined ? { optional: ref.optional } : {}) };
  return kind === 'secretKeyRef' ? { secretKeyRef: keyRef } : { configMapKeyRef: keyRef };
}
