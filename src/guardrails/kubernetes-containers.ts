/**
 * Containers of every Kubernetes workload in the synthesized JSON, whatever resource
 * holds them (deployment, stateful set, daemon set, job, cron job, pod, or a raw
 * `kubernetes_manifest`), in one shape the rules and the report read.
 */
import { block, blocks, type JsonObject, type SynthesizedPlatform, type TfElement } from './synthesized';

export interface ContainerFacts {
  readonly element: TfElement;
  readonly name: string;
  readonly image?: string;
  readonly init: boolean;
  readonly requests: Readonly<Record<string, unknown>>;
  readonly limits: Readonly<Record<string, unknown>>;
  readonly readinessProbe: boolean;
  readonly livenessProbe: boolean;
  /** Effective values: the container's security context over the pod's. */
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  /** Environment variables: a literal `value` (in the plan and state), or one read from elsewhere (`value_from`). */
  readonly env: readonly { readonly name: string; readonly literal?: unknown }[];
}

/** Every container of every `kubernetes_*` resource, in resource order. */
export function containers(platform: SynthesizedPlatform): ContainerFacts[] {
  return platform.memo('containers', () => findContainers(platform));
}

function findContainers(platform: SynthesizedPlatform): ContainerFacts[] {
  const out: ContainerFacts[] = [];
  for (const element of platform.elements) {
    if (element.mode !== 'resource' || !element.type.startsWith('kubernetes_')) continue;
    if (element.type === 'kubernetes_manifest') {
      findPodSpecs(element.body.manifest, 'containers', 0, (spec) => out.push(...fromCamel(element, spec)));
    } else {
      findPodSpecs(element.body, 'container', 0, (spec) => out.push(...fromSnake(element, spec)));
    }
  }
  return out;
}

/** A pod spec is the object that lists containers; it sits at a different depth in every workload kind. */
function findPodSpecs(node: unknown, containerKey: string, depth: number, found: (spec: JsonObject) => void): void {
  if (!node || typeof node !== 'object' || depth > 12) return;
  if (Array.isArray(node)) {
    node.forEach((item) => findPodSpecs(item, containerKey, depth + 1, found));
    return;
  }
  const record = node as JsonObject;
  if (record[containerKey] !== undefined && typeof record[containerKey] === 'object') {
    found(record);
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (key !== '//' && key !== 'metadata') findPodSpecs(value, containerKey, depth + 1, found);
  }
}

function bool(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function int(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  return n;
}

function fromSnake(element: TfElement, spec: JsonObject): ContainerFacts[] {
  const pod = block(spec.security_context);
  const read = (container: JsonObject, init: boolean): ContainerFacts => {
    const resources = block(container.resources);
    const security = block(container.security_context);
    return {
      element,
      name: String(container.name ?? '(unnamed)'),
      image: typeof container.image === 'string' ? container.image : undefined,
      init,
      requests: block(resources.requests),
      limits: block(resources.limits),
      readinessProbe: blocks(container.readiness_probe).length > 0,
      livenessProbe: blocks(container.liveness_probe).length > 0,
      runAsNonRoot: bool(security.run_as_non_root) ?? bool(pod.run_as_non_root),
      runAsUser: int(security.run_as_user) ?? int(pod.run_as_user),
      privileged: bool(security.privileged),
      allowPrivilegeEscalation: bool(security.allow_privilege_escalation),
      env: blocks(container.env).map((e) => ({ name: String(e.name), ...(e.value !== undefined && e.value !== null ? { literal: e.value } : {}) })),
    };
  };
  return [...blocks(spec.init_container).map((c) => read(c, true)), ...blocks(spec.container).map((c) => read(c, false))];
}

function fromCamel(element: TfElement, spec: JsonObject): ContainerFacts[] {
  const pod = spec.securityContext ?? {};
  const read = (container: JsonObject, init: boolean): ContainerFacts => {
    const security = container.securityContext ?? {};
    return {
      element,
      name: String(container.name ?? '(unnamed)'),
      image: typeof container.image === 'string' ? container.image : undefined,
      init,
      requests: container.resources?.requests ?? {},
      limits: container.resources?.limits ?? {},
      readinessProbe: container.readinessProbe !== undefined,
      livenessProbe: container.livenessProbe !== undefined,
      runAsNonRoot: bool(security.runAsNonRoot) ?? bool(pod.runAsNonRoot),
      runAsUser: int(security.runAsUser) ?? int(pod.runAsUser),
      privileged: bool(security.privileged),
      allowPrivilegeEscalation: bool(security.allowPrivilegeEscalation),
      env: blocks(container.env).map((e) => ({ name: String(e.name), ...(e.value !== undefined && e.value !== null ? { literal: e.value } : {}) })),
    };
  };
  return [...blocks(spec.initContainers).map((c) => read(c, true)), ...blocks(spec.containers).map((c) => read(c, false))];
}

export interface ImageReference {
  /** Registry host, when the reference names one. */
  readonly host?: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** `host/repo/path:tag@sha256:...` split into its parts. */
export function parseImage(image: string): ImageReference {
  const [nameAndTag, digest] = image.split('@', 2);
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const name = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  const first = name.split('/')[0];
  const hasHost = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    ...(hasHost ? { host: first } : {}),
    repository: hasHost ? name.slice(first.length + 1) : name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** `<account>.dkr.ecr.<region>.amazonaws.com[.cn]` → account and region. */
export function ecrHost(host: string | undefined): { accountId: string; region: string } | undefined {
  const match = host ? /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host) : null;
  return match ? { accountId: match[1], region: match[2] } : undefined;
}
