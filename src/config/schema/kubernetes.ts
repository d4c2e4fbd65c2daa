import { z } from 'zod';

export const resources = z
  .object({
    requests: z.object({ cpu: z.string(), memory: z.string() }).strict().partial().optional(),
    limits: z.object({ cpu: z.string(), memory: z.string() }).strict().partial().optional(),
  })
  .strict();

/** Settings a service has; `kubernetes.defaults`, the service and the per-environment override merge in that order. */
export const serviceSettings = z
  .object({
    replicas: z.number().int().optional(),
    resources: resources.optional(),
    /** Image tag; `latest` is refused in production environments. */
    tag: z.string().optional(),
    /** Image digest (sha256:...), used instead of the tag when set. */
    digest: z.string().optional(),
    /** HTTP path for readiness/liveness probes. @default TCP probe on the service port */
    probePath: z.string().optional(),
    autoscaling: z
      .object({ minReplicas: z.number().int(), maxReplicas: z.number().int(), targetCpuUtilization: z.number().int().default(70) })
      .strict()
      .optional(),
    topologySpread: z.boolean().optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const service = serviceSettings
  .extend({
    name: z.string(),
    port: z.number().int(),
    /** ECR repository name the image comes from. @default faro-rag/<name> */
    repository: z.string().optional(),
    /** Other services whose in-cluster URLs this one receives as <NAME>_URL. */
    dependsOn: z.array(z.string()).optional(),
    /** Per-environment overrides. */
    environments: z.record(z.string(), serviceSettings).optional(),
  })
  .strict();

export const clusterAccess = z.union([
  z.object({ kubeconfig: z.object({ path: z.string(), context: z.string().optional() }).strict() }).strict(),
  z.object({ eksClusterName: z.string().min(1) }).strict(),
]);

export const kubernetes = z
  .object({
    namespace: z.string().default('rag-services'),
    partOf: z.string().default('rag-platform'),
    defaults: serviceSettings.default({}),
    services: z.array(service).default([]),
    /** Cluster access per environment (a key per environment that runs workloads). */
    clusters: z.record(z.string(), clusterAccess).default({}),
    admissionPolicy: z.object({ enabled: z.boolean().default(false) }).strict().default({ enabled: false }),
  })
  .strict();

export type KubernetesConfig = z.infer<typeof kubernetes>;
export type ServiceConfig = z.infer<typeof service>;
