import { z } from 'zod';

/**
 * The shape of the `kubernetes` section. The rules Kubernetes applies to the values
 * (DNS names, quantities, unique ports, `latest` in production, ...) live in
 * src/constructs/kubernetes/rules.ts and run as config checks, so each mistake is
 * reported with its config path and a message that says what is allowed.
 */

const cpuAndMemory = z.object({ cpu: z.string(), memory: z.string() }).strict().partial();

export const resources = z
  .object({
    /** What the scheduler reserves, e.g. `{ cpu: 250m, memory: 256Mi }`. */
    requests: cpuAndMemory.optional(),
    /** The most the container may use, e.g. `{ cpu: 500m, memory: 512Mi }`. */
    limits: cpuAndMemory.optional(),
  })
  .strict();

export const autoscaling = z
  .object({
    minReplicas: z.number().int(),
    maxReplicas: z.number().int(),
    /** Average CPU utilization (percent of the request) the autoscaler aims for. @default 70 */
    targetCpuUtilization: z.number().int().default(70),
  })
  .strict();

export const topologySpread = z.union([
  /** `true`: spread over zones, at most one pod more in one zone than another, without blocking scheduling. */
  z.boolean(),
  z
    .object({
      /** @default 1 */
      maxSkew: z.number().int().default(1),
      /** `DoNotSchedule` keeps pods pending rather than crowd a zone. @default ScheduleAnyway */
      whenUnsatisfiable: z.enum(['ScheduleAnyway', 'DoNotSchedule']).default('ScheduleAnyway'),
    })
    .strict(),
]);

/**
 * Settings a service has. They merge in this order, the last one that sets a value wins:
 * `kubernetes.defaults`, `kubernetes.environments.<env>`, the service, `services[].environments.<env>`.
 * `tag` and `digest` count as one value: a layer that sets either replaces both.
 */
export const serviceSettings = z
  .object({
    /** Pods when no autoscaling is set. @default 2 (kubernetes.defaults) */
    replicas: z.number().int().optional(),
    resources: resources.optional(),
    /** Image tag; `latest` is refused in production environments. */
    tag: z.string().optional(),
    /** Image digest (sha256:<64 hex>); pins the image instead of the tag. */
    digest: z.string().optional(),
    /** HTTP path for the readiness and liveness probes. @default a TCP probe on the service port */
    probePath: z.string().optional(),
    /** A HorizontalPodAutoscaler (autoscaling/v2) on CPU; `replicas` is then left to it. */
    autoscaling: autoscaling.optional(),
    /** Spread pods across availability zones (topology.kubernetes.io/zone). @default false */
    topologySpread: topologySpread.optional(),
    /** Extra environment variables; they merge per key across layers. */
    env: z.record(z.string(), z.string()).optional(),
    /** UID and GID the containers run as (the pods run as non-root). @default 10001 */
    runAsUser: z.number().int().optional(),
  })
  .strict();

export const service = serviceSettings
  .extend({
    /** Name of the Deployment, the Service and the container (a DNS-1123 label). */
    name: z.string(),
    /** Port the container listens on and the Service exposes. */
    port: z.number().int(),
    /** ECR repository (its key in registry.repositories) the image comes from. @default `<repositoryPrefix><name>` */
    repository: z.string().optional(),
    /** Other services whose in-cluster URLs this one receives as `<NAME>_URL`. */
    dependsOn: z.array(z.string()).optional(),
    /** Per-environment overrides of this service. */
    environments: z.record(z.string(), serviceSettings).optional(),
  })
  .strict();

export const kubeconfigAccess = z
  .object({
    kubeconfig: z
      .object({
        /** e.g. ~/.kube/config */
        path: z.string().min(1),
        /** @default the kubeconfig's current context */
        context: z.string().min(1).optional(),
      })
      .strict(),
  })
  .strict();

export const eksAccess = z
  .object({
    /** Endpoint and CA come from the aws_eks_cluster data source. */
    eksClusterName: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, { message: 'must be an EKS cluster name (1-100 of letters, digits, - and _)' }),
    /**
     * Where the provider's token comes from: `token` reads aws_eks_cluster_auth (a 15-minute token that
     * Terraform keeps in the plan and state), `exec` runs `aws eks get-token` at each run (the AWS CLI must be installed).
     * @default token
     */
    eksAuth: z.enum(['token', 'exec']).default('token'),
  })
  .strict();

export const clusterAccess = z.union([kubeconfigAccess, eksAccess]);

export const admissionPolicy = z
  .object({
    /** Create a Gatekeeper K8sAllowedRepos constraint (Gatekeeper and the template must be installed). @default false */
    enabled: z.boolean().default(false),
    /** `dryrun` and `warn` report violations without refusing pods. @default deny */
    enforcementAction: z.enum(['deny', 'dryrun', 'warn']).default('deny'),
  })
  .strict();

export const kubernetes = z
  .object({
    /** Namespace of every service. @default rag-services */
    namespace: z.string().default('rag-services'),
    /** Value of the app.kubernetes.io/part-of label. @default rag-platform */
    partOf: z.string().default('rag-platform'),
    /** Cluster DNS domain, used in the in-cluster URLs. @default cluster.local */
    clusterDomain: z.string().default('cluster.local'),
    /** A service's repository when it names none: this prefix and the service name. @default faro-rag/ */
    repositoryPrefix: z.string().default('faro-rag/'),
    defaults: serviceSettings.default({}),
    /** Settings for every service in one environment (e.g. `prod: { topologySpread: true }`). */
    environments: z.record(z.string(), serviceSettings).default({}),
    services: z.array(service).default([]),
    /** Cluster access per environment: one workloads stack per key. */
    clusters: z.record(z.string(), clusterAccess).default({}),
    admissionPolicy: admissionPolicy.default({ enabled: false, enforcementAction: 'deny' }),
  })
  .strict();

export type KubernetesConfig = z.infer<typeof kubernetes>;
export type ServiceConfig = z.infer<typeof service>;
export type ServiceSettingsConfig = z.infer<typeof serviceSettings>;
export type ResourcesConfig = z.infer<typeof resources>;
export type AutoscalingConfig = z.infer<typeof autoscaling>;
export type TopologySpreadConfig = z.infer<typeof topologySpread>;
export type ClusterAccessConfig = z.infer<typeof clusterAccess>;
