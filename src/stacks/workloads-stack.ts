import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { ResolvedPlatform, ResolvedService, ResolvedWorkloads } from '../config/resolve/platform';
import { stateKeys } from '../config/model';
import { ClusterProvider } from '../constructs/kubernetes/cluster-provider';
import { WorkloadNamespace } from '../constructs/kubernetes/namespace';
import { RagService } from '../constructs/kubernetes/rag-service';
import { AllowedReposConstraint } from '../constructs/kubernetes/allowed-repos-constraint';
import { PlatformStack } from './platform-stack';

/** Construct ID of a service: its name, so reordering `kubernetes.services` never replaces anything. */
export function serviceConstructId(name: string): string {
  return `service-${name}`;
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
  readonly definitions: readonly ResolvedService[];
  readonly allowedRepos?: AllowedReposConstraint;
  readonly environment: string;

  constructor(scope: Construct, id: string, platform: ResolvedPlatform, workloads: ResolvedWorkloads) {
    super(scope, id, { platform, stateKey: stateKeys.environment(workloads.environment, 'rag-services'), defaultTags: workloads.defaultTags });
    const { environment, namespace, partOf } = workloads;
    this.environment = environment;

    this.cluster = new ClusterProvider(this, 'cluster', { access: workloads.cluster, region: platform.aws.region, assumeRoleArn: platform.aws.assumeRoleArn });
    if (workloads.createNamespace) {
      this.namespace = new WorkloadNamespace(this, 'namespace', { name: namespace, partOf });
    }
    const afterNamespace = this.namespace ? [this.namespace.resource] : undefined;

    this.definitions = workloads.services;
    for (const service of workloads.services) {
      this.services[service.name] = new RagService(this, serviceConstructId(service.name), {
        ...service.settings,
        name: service.name,
        namespace,
        image: service.image,
        port: service.port,
        partOf,
        version: service.version,
        clusterDomain: workloads.clusterDomain,
        env: service.env,
        dependsOn: afterNamespace,
      });
    }

    if (workloads.admissionPolicy) {
      this.allowedRepos = new AllowedReposConstraint(this, 'allowed-repos', {
        name: `${namespace}-allowed-repos`,
        namespaces: [namespace],
        repos: workloads.admissionPolicy.allowedImagePrefixes,
        enforcementAction: workloads.admissionPolicy.enforcementAction,
        partOf,
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
