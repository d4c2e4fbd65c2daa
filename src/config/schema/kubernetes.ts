import { z } from 'zod';

/**
 * The shape of the `kubernetes` section. The rules Kubernetes applies to the values
 * (DNS names, quantities, unique ports, `latest` in production, ...) live in
 * src/domain/kubernetes/rules.ts and run as config checks, so each mistake is
 * reported with its config path and a message that says what is allowed.
 */

/** A quantity as YAML gives it: `cpu: 1` is a number, `cpu: 250m` a string; both become the string Kubernetes takes. */
const quantity = z.union([z.string(), z.number()]).transform((value) => String(value));

const cpuAndMemory = z
  .object({
    cpu: quantity.describe('CPU in cores or millicores, e.g. 1, "0.5" or "250m" (a power-of-two suffix such as Mi is refused; at most 1m precision).'),
    memory: quantity.describe('Memory in bytes with a decimal or power-of-two suffix, e.g. "256Mi", "1Gi" or "500M".'),
  })
  .strict()
  .partial();

export const resources = z
  .object({
    requests: cpuAndMemory.optional().describe('What the scheduler reserves, e.g. `{ cpu: 250m, memory: 256Mi }`.'),
    limits: cpuAndMemory.optional().describe('The most the container may use, e.g. `{ cpu: 500m, memory: 512Mi }`.'),
  })
  .strict()
  .describe('CPU and memory requests and limits of the container; they merge per key across layers.');

export const autoscaling = z
  .object({
    minReplicas: z.number().int().describe('The fewest pods the autoscaler keeps (at least 1).'),
    maxReplicas: z.number().int().describe('The most pods the autoscaler starts (at least minReplicas).'),
    targetCpuUtilization: z
      .number()
      .int()
      .default(70)
      .describe('Average CPU utilization (percent of the request) the autoscaler aims for. Default: 70'),
  })
  .strict()
  .describe('A HorizontalPodAutoscaler (autoscaling/v2) on CPU; `replicas` is then left to it. Needs resources.requests.cpu.');

export const topologySpread = z
  .union([
    z.boolean().describe('`true`: spread over zones, at most one pod more in one zone than another, without blocking scheduling.'),
    z
      .object({
        maxSkew: z.number().int().default(1).describe('The most pods one zone may have beyond another. Default: 1'),
        whenUnsatisfiable: z
          .enum(['ScheduleAnyway', 'DoNotSchedule'])
          .default('ScheduleAnyway')
          .describe('`DoNotSchedule` keeps pods pending rather than crowd a zone. Default: ScheduleAnyway'),
      })
      .strict()
      .describe('Spread over zones with these settings.'),
  ])
  .describe('Spread pods across availability zones (topology.kubernetes.io/zone): `true`, or { maxSkew, whenUnsatisfiable }. Default: false');

const envKeyRef = z
  .object({
    name: z.string().describe('The Secret or ConfigMap, in the services\' namespace; it must exist (the stack does not create it, so its value never reaches Terraform).'),
    key: z.string().describe('The key of its data.'),
    optional: z.boolean().optional().describe('Start the pod even when the object or key is missing. Default: false'),
  })
  .strict();

export const envValue = z
  .union([
    z.string().describe('A literal value (refused for names that look like secrets: PASSWORD, SECRET, TOKEN, API_KEY, ...).'),
    z
      .object({
        valueFrom: z.union([
          z.object({ secretKeyRef: envKeyRef.describe('A key of an existing Secret.') }).strict(),
          z.object({ configMapKeyRef: envKeyRef.describe('A key of an existing ConfigMap.') }).strict(),
        ]).describe('Where the value comes from: secretKeyRef or configMapKeyRef (one of them).'),
      })
      .strict()
      .describe('A value the kubelet reads from an existing Secret or ConfigMap when the pod starts: { valueFrom: { secretKeyRef: { name, key } } }.'),
  ])
  .describe('A literal, or { valueFrom: { secretKeyRef | configMapKeyRef: { name, key } } }.');

/**
 * Settings a service has. They merge in this order, the last one that sets a value wins:
 * `kubernetes.defaults`, `kubernetes.environments.<env>`, the service, `services[].environments.<env>`.
 * `tag` and `digest` count as one value: a layer that sets either replaces both.
 */
export const serviceSettings = z
  .object({
    replicas: z.number().int().optional().describe('Pods when no autoscaling is set (at least 1). Default: 2'),
    resources: resources.optional(),
    tag: z.string().optional().describe('Image tag; `latest` is refused in production environments. A layer that sets tag or digest replaces both.'),
    digest: z.string().optional().describe('Image digest (sha256:<64 hex>); pins the image instead of the tag. A layer that sets tag or digest replaces both.'),
    probePath: z.string().optional().describe('HTTP path for the readiness and liveness probes, e.g. /healthz. Default: a TCP probe on the service port'),
    autoscaling: autoscaling.optional(),
    topologySpread: topologySpread.optional(),
    env: z
      .record(z.string(), envValue)
      .optional()
      .describe(
        'Extra environment variables; they merge per key across layers. A value is a literal, or { valueFrom: { secretKeyRef: { name, key } } } ' +
          '(or configMapKeyRef) for an existing Secret or ConfigMap; a literal for a name that looks like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) is refused.',
      ),
    runAsUser: z.number().int().optional().describe('UID and GID the containers run as (the pods run as non-root). Default: 10001'),
  })
  .strict();

export const service = serviceSettings
  .extend({
    name: z.string().describe('Name of the Deployment, the Service and the container (a DNS-1123 label).'),
    port: z.number().int().describe('Port the container listens on and the Service exposes (1-65535, unique among the services).'),
    repository: z
      .string()
      .optional()
      .describe('ECR repository (its key in registry.repositories) the image comes from. Default: `<repositoryPrefix><name>`'),
    dependsOn: z.array(z.string()).optional().describe('Other services whose in-cluster URLs this one receives as `<NAME>_URL`.'),
    environments: z
      .record(z.string(), serviceSettings.describe('Settings of this service in one environment; they win over every other layer.'))
      .optional()
      .describe('Per-environment overrides of this service, by environment name.'),
  })
  .strict()
  .describe('A service: a Deployment, a ClusterIP Service, a PodDisruptionBudget and optionally an autoscaler.');

export const kubeconfigAccess = z
  .object({
    kubeconfig: z
      .object({
        path: z.string().min(1).describe('Path of the kubeconfig file, e.g. ~/.kube/config.'),
        context: z.string().min(1).optional().describe('The kubeconfig context to use. Default: the kubeconfig\'s current context'),
      })
      .strict()
      .describe('A kubeconfig file and context.'),
  })
  .strict()
  .describe('Reach the cluster through a kubeconfig file.');

export const eksAccess = z
  .object({
    eksClusterName: z
      .string()
      .regex(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/, { message: 'must be an EKS cluster name (1-100 of letters, digits, - and _)' })
      .describe('The EKS cluster\'s name; endpoint and CA come from the aws_eks_cluster data source.'),
    eksAuth: z
      .enum(['token', 'exec'])
      .default('exec')
      .describe(
        'Where the provider\'s token comes from: `exec` runs `aws eks get-token` at each run (the AWS CLI must be installed) and stores nothing; ' +
          '`token` reads aws_eks_cluster_auth, a 15-minute token that Terraform keeps in the plan and state (the synth warns, SEC-003). Default: exec',
      ),
  })
  .strict()
  .describe('Reach an EKS cluster by name, with AWS credentials.');

export const clusterAccess = z
  .union([kubeconfigAccess, eksAccess])
  .describe('How the workloads stack reaches the cluster: { kubeconfig: { path, context } } or { eksClusterName, eksAuth }.');

export const admissionPolicy = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe('Create a Gatekeeper K8sAllowedRepos constraint (Gatekeeper and the template must be installed). Default: false'),
    enforcementAction: z
      .enum(['deny', 'dryrun', 'warn'])
      .default('deny')
      .describe('`dryrun` and `warn` report violations without refusing pods. Default: deny'),
    cachedImages: z
      .array(z.string())
      .default([])
      .describe(
        'Upstream images admitted through the pull-through cache: `<cache prefix>/<repository>` admits exactly that repository ' +
          '(e.g. docker-hub/library/nginx), `<cache prefix>/<namespace>/` every repository under it (e.g. quay/prometheus/). ' +
          'A cache prefix alone (the whole upstream registry) is refused. Default: none',
      ),
  })
  .strict()
  .describe(
    'A Gatekeeper constraint that lets pods in the namespace run only the repositories of this registry (exactly, by name) and the cached upstream images listed in cachedImages.',
  );

/** Where a service's image comes from when it names no repository: this prefix and the service name. */
export const DEFAULT_REPOSITORY_PREFIX = 'faro-rag/';

export const kubernetes = z
  .object({
    namespace: z
      .string()
      .default('rag-services')
      .describe(
        'Namespace of every service; the stack creates it, labelled with Pod Security `restricted`. `default` and `kube-*` namespaces belong to ' +
          'Kubernetes: they are used as they exist, never created or labelled. Default: rag-services',
      ),
    partOf: z.string().default('rag-platform').describe('Value of the app.kubernetes.io/part-of label. Default: rag-platform'),
    clusterDomain: z.string().default('cluster.local').describe('Cluster DNS domain, used in the in-cluster URLs. Default: cluster.local'),
    repositoryPrefix: z
      .string()
      .default(DEFAULT_REPOSITORY_PREFIX)
      .describe(`A service's repository when it names none: this prefix and the service name. Default: ${DEFAULT_REPOSITORY_PREFIX}`),
    defaults: serviceSettings.default({}).describe('Settings for every service in every environment (the first layer; later layers win).'),
    environments: z
      .record(z.string(), serviceSettings.describe('Settings for every service in this environment.'))
      .default({})
      .describe('Settings for every service in one environment, by environment name (e.g. `prod: { topologySpread: true }`).'),
    services: z.array(service).default([]).describe('The services to deploy; each image comes from a repository of registry.repositories.'),
    clusters: z
      .record(z.string(), clusterAccess)
      .default({})
      .describe('Cluster access per environment, by environment name: one workloads stack (workloads-<env>) per key.'),
    admissionPolicy: admissionPolicy.default({ enabled: false, enforcementAction: 'deny', cachedImages: [] }),
  })
  .strict()
  .describe(
    'Kubernetes workloads, one stack per cluster (workloads-<env>). Service settings merge in this order, the last one that sets a value wins: ' +
      'kubernetes.defaults, kubernetes.environments.<env>, the service, services[].environments.<env>.',
  );

export type KubernetesConfig = z.infer<typeof kubernetes>;
export type ServiceConfig = z.infer<typeof service>;
export type ServiceSettingsConfig = z.infer<typeof serviceSettings>;
export type ResourcesConfig = z.infer<typeof resources>;
export type AutoscalingConfig = z.infer<typeof autoscaling>;
export type TopologySpreadConfig = z.infer<typeof topologySpread>;
export type ClusterAccessConfig = z.infer<typeof clusterAccess>;
