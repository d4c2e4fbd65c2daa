/**
 * The rules Kubernetes (and our production policy) applies to a service, as pure functions
 * returning problems with paths relative to the thing checked. The config checks prefix
 * them with config paths; the constructs render them as "'<prop>' must ..., got ...".
 */
import { show, type Problem } from '../problem';
import { compareQuantities, parseQuantity, type Quantity } from './quantity';
import { LABEL_VALUE } from './labels';
import { unitProblem } from './resource-units';
import { checkEnvSize } from './env-limits';
import { checkEnvValues, isLiteral, type EnvValue } from './env-values';

/** RFC 1123 label: what namespace names must be. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label (a DNS-1123 label that starts with a letter): what Service names must be. */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Docker's tag grammar. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
/**
 * Environment variable names: C identifiers (Kubernetes' C_IDENTIFIER, IsCIdentifier in
 * k8s.io/apimachinery/pkg/util/validation). The API server accepts more (its IsEnvVarName also
 * allows "-" and "."; newer releases any printable character but "="), but a shell or a
 * program reading `$NAME` can only reach C identifiers.
 */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkNamespaceName(name: string): Problem[] {
  return name.length <= 63 && DNS1123_LABEL.test(name)
    ? []
    : [{ path: '', message: `must be a DNS-1123 label (lower-case a-z, 0-9 and -, alphanumeric at both ends, at most 63 characters), got ${show(name)}` }];
}

export function checkServiceName(name: string): Problem[] {
  return name.length <= 63 && DNS1035_LABEL.test(name)
    ? []
    : [
        {
          path: '',
          message: `must be a DNS-1123 label that starts with a letter, as Service names are (lower-case a-z, 0-9 and -, at most 63 characters), got ${show(name)}`,
        },
      ];
}

export function checkLabelValue(value: string): Problem[] {
  return value.length <= 63 && LABEL_VALUE.test(value)
    ? []
    : [{ path: '', message: `must be a label value (at most 63 of A-Z, a-z, 0-9, ., _ and -, alphanumeric at both ends), got ${show(value)}` }];
}

export function checkPort(port: number): Problem[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [{ path: '', message: `must be a port number from 1 to 65535, got ${show(port)}` }];
}

/** CPU and memory as Kubernetes quantities (strings: `cpu: 1` in YAML arrives as "1"). */
// A type, not an interface: the provider's resources take it as a string record.
export type CpuAndMemory = {
  readonly cpu?: string;
  readonly memory?: string;
};

/** A container's requests and limits. */
export interface Resources {
  readonly requests?: CpuAndMemory;
  readonly limits?: CpuAndMemory;
}

/** A HorizontalPodAutoscaler (autoscaling/v2) on CPU utilization. */
export interface Autoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
}

/** Spreading over zones: `true` (maxSkew 1, ScheduleAnyway) or these settings. */
export type TopologySpread = boolean | { readonly maxSkew: number; readonly whenUnsatisfiable: 'ScheduleAnyway' | 'DoNotSchedule' };

/** What a service's Deployment is made of, after the configuration layers are merged. */
export interface WorkloadSettings {
  readonly replicas?: number;
  readonly resources?: Resources;
  readonly probePath?: string;
  readonly autoscaling?: Autoscaling;
  readonly topologySpread?: TopologySpread;
  /** Literal values, or references to keys of existing Secrets and ConfigMaps. */
  readonly env?: Readonly<Record<string, EnvValue>>;
  readonly runAsUser?: number;
}

export function checkWorkloadSettings(settings: WorkloadSettings): Problem[] {
  const problems: Problem[] = [];
  if (settings.replicas !== undefined && !(Number.isInteger(settings.replicas) && settings.replicas >= 1)) {
    problems.push({ path: 'replicas', message: `must be at least 1, got ${show(settings.replicas)}` });
  }
  problems.push(...checkResources(settings.resources ?? {}).map((p) => ({ ...p, path: `resources.${p.path}` })));
  if (settings.probePath !== undefined && !/^\/\S*$/.test(settings.probePath)) {
    problems.push({ path: 'probePath', message: `must be an HTTP path that starts with "/" (no spaces), got ${show(settings.probePath)}` });
  }
  if (settings.autoscaling) problems.push(...checkAutoscaling(settings.autoscaling, settings.resources));
  if (typeof settings.topologySpread === 'object' && !(settings.topologySpread.maxSkew >= 1)) {
    problems.push({ path: 'topologySpread.maxSkew', message: `must be at least 1, got ${show(settings.topologySpread.maxSkew)}` });
  }
  for (const name of Object.keys(settings.env ?? {})) {
    if (!ENV_NAME.test(name)) {
      problems.push({ path: `env.${name}`, message: `must be named like a C identifier (letters, digits and _, not starting with a digit), got ${show(name)}` });
    }
  }
  problems.push(...checkEnvValues(settings.env ?? {}));
  // Only literals are carried in the object; a reference's value is read by the kubelet.
  problems.push(...checkEnvSize(Object.fromEntries(Object.entries(settings.env ?? {}).filter((entry): entry is [string, string] => isLiteral(entry[1])))));
  if (settings.runAsUser !== undefined && !(Number.isInteger(settings.runAsUser) && settings.runAsUser >= 1)) {
    problems.push({ path: 'runAsUser', message: `must be a non-root UID (1 or more), got ${show(settings.runAsUser)}` });
  }
  return problems;
}

const RESOURCE_EXAMPLES = { cpu: '"250m" or "0.5"', memory: '"256Mi" or "1Gi"' } as const;

/** Each quantity parses, is positive and in its resource's units (resource-units.ts); no request exceeds its limit. */
export function checkResources(resources: Resources): Problem[] {
  const problems: Problem[] = [];
  const parsed: Record<string, Quantity | undefined> = {};
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      const text = resources[kind]?.[resource];
      if (text === undefined) continue;
      const path = `${kind}.${resource}`;
      const quantity = parseQuantity(text);
      const wrongUnit = quantity && unitProblem(resource, quantity, text);
      if (!quantity) {
        problems.push({ path, message: `must be a Kubernetes quantity such as ${RESOURCE_EXAMPLES[resource]}, got ${show(text)}` });
      } else if (!(quantity.value > 0)) {
        problems.push({ path, message: `must be greater than 0, got ${show(text)}` });
      } else if (wrongUnit) {
        problems.push({ path, message: wrongUnit });
      } else {
        parsed[path] = quantity;
      }
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const request = parsed[`requests.${resource}`];
    const limit = parsed[`limits.${resource}`];
    if (request && limit && compareQuantities(request, limit) > 0) {
      problems.push({
        path: `requests.${resource}`,
        message: `must not be above limits.${resource} (${show(resources.limits?.[resource])}), got ${show(resources.requests?.[resource])}`,
      });
    }
  }
  return problems;
}

function checkAutoscaling(autoscaling: Autoscaling, resources: Resources | undefined): Problem[] {
  const problems: Problem[] = [];
  const { minReplicas, maxReplicas, targetCpuUtilization } = autoscaling;
  if (!(minReplicas >= 1)) problems.push({ path: 'autoscaling.minReplicas', message: `must be at least 1, got ${show(minReplicas)}` });
  if (!(maxReplicas >= Math.max(1, minReplicas))) {
    problems.push({ path: 'autoscaling.maxReplicas', message: `must be at least minReplicas (${show(minReplicas)}), got ${show(maxReplicas)}` });
  }
  if (!(targetCpuUtilization >= 1)) {
    problems.push({ path: 'autoscaling.targetCpuUtilization', message: `must be a percentage of the CPU request, 1 or more, got ${show(targetCpuUtilization)}` });
  }
  if (resources?.requests?.cpu === undefined) {
    problems.push({ path: 'autoscaling', message: 'needs resources.requests.cpu (CPU utilization is a percentage of the request), got no CPU request' });
  }
  return problems;
}

export interface ImageVersion {
  readonly tag?: string;
  readonly digest?: string;
}

/** A tag or a digest is set, each well-formed, and production never runs `latest`. */
export function checkImageVersion(image: ImageVersion, context: { readonly environment: string; readonly production: boolean }): Problem[] {
  const problems: Problem[] = [];
  if (image.tag === undefined && image.digest === undefined) {
    return [{ path: 'tag', message: `must be set (or a digest) for environment "${context.environment}", got nothing` }];
  }
  if (image.tag !== undefined && !IMAGE_TAG.test(image.tag)) {
    problems.push({ path: 'tag', message: `must be an image tag (1-128 of A-Z, a-z, 0-9, _, . and -, not starting with . or -), got ${show(image.tag)}` });
  } else if (image.tag === 'latest' && context.production) {
    problems.push({
      path: 'tag',
      message: `must not be "latest" in production environment "${context.environment}": pin a version tag (e.g. "1.4.2") or a digest, got "latest"`,
    });
  }
  if (image.digest !== undefined && !IMAGE_DIGEST.test(image.digest)) {
    problems.push({ path: 'digest', message: `must be sha256: and 64 lower-case hex digits, got ${show(image.digest)}` });
  }
  return problems;
}

export interface ServiceIdentity {
  readonly name: string;
  readonly port: number;
  readonly dependsOn?: readonly string[];
}

/** Across the services of one namespace: names and ports are unique, and dependencies exist. */
export function checkServiceSet(services: readonly ServiceIdentity[]): Problem[] {
  const problems: Problem[] = [];
  const names = new Map<string, number>();
  const ports = new Map<number, number>();
  services.forEach((service, index) => {
    const sameName = names.get(service.name);
    if (sameName !== undefined) {
      problems.push({ path: `[${index}].name`, message: `must be unique, got ${show(service.name)} again (also [${sameName}])` });
    } else names.set(service.name, index);
    const samePort = ports.get(service.port);
    if (samePort !== undefined) {
      problems.push({ path: `[${index}].port`, message: `must be unique, got ${show(service.port)} again (also ${show(services[samePort].name)})` });
    } else ports.set(service.port, index);
  });
  services.forEach((service, index) => {
    (service.dependsOn ?? []).forEach((dependency, position) => {
      const path = `[${index}].dependsOn[${position}]`;
      if (dependency === service.name) {
        problems.push({ path, message: `must name another service, got its own name ${show(dependency)}` });
      } else if (!names.has(dependency)) {
        problems.push({ path, message: `must be one of the services (${[...names.keys()].join(', ')}), got ${show(dependency)}` });
      }
    });
  });
  return problems;
}

/** Renders problems the way aws-cdk constructs report bad props: "'<prop>' must ..., got ...". */
export function asPropErrors(prefix: string, problems: readonly Problem[]): string[] {
  return problems.map((p) => {
    const prop = [prefix, p.path].filter(Boolean).join(p.path.startsWith('[') ? '' : '.');
    return `'${prop}' ${p.message}`;
  });
}
