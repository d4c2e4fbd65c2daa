import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { PlatformConfig } from '../config/schema';
import { registryHost, resolveRepositories, stateKeys } from '../config/model';
import { ConfigError } from '../config/problems';
import { checkKubernetes } from '../config/checks/kubernetes';
import { ClusterProvider } from '../constructs/kubernetes/cluster-provider';
import { WorkloadNamespace } from '../constructs/kubernetes/namespace';
import { isSystemNamespace } from '../domain/kubernetes/system-namespaces';
import { RagService } from '../constructs/kubernetes/rag-service';
import { AllowedReposConstraint } from '../constructs/kubernetes/allowed-repos-constraint';
import { inClusterUrl, resolveServices, urlVariableName, type ServiceDefinition } from '../config/resolve/services';
import { PlatformStack } from './platform-stack';
import { exactRepositoryEntries } from '../domain/kubernetes/admission';

/** Construct ID of a service: its name, so reordering `kubernetes.services` never replaces anything. */
export function serviceConstructId(name: string): string {
  return `service-${name}`;
}

/**
 * What the admission policy admits, all derived from the configuration (account, region, names):
 * each repository of the registry exactly (`<url>:` and `<url>@`, never a name that merely starts
 * the same), and the cached upstream images `admissionPolicy.cachedImages` lists.
 */
export function allowedImagePrefixes(config: PlatformConfig): string[] {
  const host = registryHost(config);
  const repositories = resolveRepositories(config).flatMap((r) => exactRepositoryEntries(host, r.name));
  const cached = (config.kubernetes?.admissionPolicy.cachedImages ?? []).flatMap((image) => (image.endsWith('/') ? [`${host}/${image}`] : exactRepositoryEntries(host, image)));
  return [...new Set([...repositories, ...cached])].sort();
}

/**
 * The RAG services on Kubernetes, one stack per environment: the namespace, a
 * Deployment + Service (+ PDB, HPA) per service with its image from our ECR repositories,
 * and optionally a Gatekeeper constraint that admits only our images.
 * State key: environments/<env>/rag-services/terraform.tfstate.
 */
export class WorkloadsStack extends PlatformStack {
  readonly cluster: ClusterProvider;
  /** Undefined for `default` and `kube-*`: Kubernetes' own namespaces are used as they exist, not created. */
  readonly namespace?: WorkloadNamespace;
  /** By service name. */
  readonly services: Record<string, RagService> = {};
  readonly definitions: readonly ServiceDefinition[];
  readonly allowedRepos?: AllowedReposConstraint;

  constructor(scope: Construct, id: string, config: PlatformConfig, readonly environment: string) {
    super(scope, id, { config, stateKey: stateKeys.environment(environment, 'rag-services'), environment });
    const k8s = config.kubernetes;
    const access = k8s?.clusters[environment];
    if (!k8s || !access) {
      throw new ConfigError([{ path: `kubernetes.clusters.${environment}`, message: 'must say how to reach the cluster (kubeconfig or eksClusterName), got nothing' }]);
    }
    // The same checks loadConfig runs, for configurations built in code: no Deployment from a half-valid config.
    const problems = checkKubernetes(config);
    if (problems.length) throw new ConfigError(problems);

    this.cluster = new ClusterProvider(this, 'cluster', { access, region: config.aws.region, assumeRoleArn: config.aws.assumeRoleArn });
    if (!isSystemNamespace(k8s.namespace)) {
      this.namespace = new WorkloadNamespace(this, 'namespace', { name: k8s.namespace, partOf: k8s.partOf });
    }
    const afterNamespace = this.namespace ? [this.namespace.resource] : undefined;

    this.definitions = resolveServices(config, environment);
    const byName = new Map(this.definitions.map((d) => [d.name, d]));
    for (const definition of this.definitions) {
      // A dependency's URL comes from its own definition (name, port), never typed twice.
      const urls = Object.fromEntries(
        definition.dependsOn.map((dependency) => [urlVariableName(dependency), inClusterUrl(byName.get(dependency)!, k8s.namespace, k8s.clusterDomain)]),
      );
      this.services[definition.name] = new RagService(this, serviceConstructId(definition.name), {
        ...definition.settings,
        name: definition.name,
        namespace: k8s.namespace,
        image: definition.image!,
        port: definition.port,
        partOf: k8s.partOf,
        version: definition.version,
        clusterDomain: k8s.clusterDomain,
        env: { ...urls, ...definition.settings.env },
        dependsOn: afterNamespace,
      });
    }

    if (k8s.admissionPolicy.enabled) {
      this.allowedRepos = new AllowedReposConstraint(this, 'allowed-repos', {
        name: `${k8s.namespace}-allowed-repos`,
        namespaces: [k8s.namespace],
        repos: allowedImagePrefixes(config),
        enforcementAction: k8s.admissionPolicy.enforcementAction,
        partOf: k8s.partOf,
        dependsOn: afterNamespace,
      });
    }

    new TerraformOutput(this, 'images', {
      description: 'Image each service runs, by service name.',
      value: Object.fromEntries(this.definitions.map((d) => [d.name, d.image])),
    });
    new TerraformOutput(this, 'service_urls', {
      description: 'In-cluster URL of each service, by service name.',
      value: Object.fromEntries(Object.entries(this.services).map(([name, service]) => [name, service.url])),
    });
  }
}
