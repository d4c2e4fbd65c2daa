import { apiAttributes, modelOf, parseApiType } from './kubernetes-api-fields';

/**
 * Converts the synthesized Terraform JSON of the kubernetes provider's resources into the
 * Kubernetes objects the provider sends to the API server, so they can be checked against
 * the official schema. The conversion follows the provider's own rules, guided by the API's
 * field lists: snake_case → camelCase, a repeated block named in the singular (`container`,
 * `port`, `volume_mount`) → the API's plural list, a block list of one (`tcp_socket`,
 * `label_selector`) → the API's object, and the provider's strings for numbers and
 * int-or-string fields (`replicas: "2"`, `max_surge: "1"`) → numbers. It is strict: a field it
 * cannot place, or a resource type it does not know, is an error, never dropped.
 */

/** A resource type the converter knows: the object it creates and its provider-only arguments. */
interface ResourceKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Top-level arguments that steer the provider and never reach the API. */
  readonly providerOnly: readonly string[];
}

/** Terraform's meta-arguments, on every resource. */
const META_ARGUMENTS = ['depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'connection', 'provisioner'];

export const RESOURCE_KINDS: Readonly<Record<string, ResourceKind>> = {
  kubernetes_namespace_v1: { apiVersion: 'v1', kind: 'Namespace', providerOnly: ['wait_for_default_service_account', 'timeouts'] },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment', providerOnly: ['wait_for_rollout', 'timeouts'] },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service', providerOnly: ['wait_for_load_balancer', 'timeouts'] },
  kubernetes_service_account_v1: { apiVersion: 'v1', kind: 'ServiceAccount', providerOnly: ['timeouts'] },
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap', providerOnly: [] },
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', providerOnly: [] },
  kubernetes_horizontal_pod_autoscaler_v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', providerOnly: [] },
};

/** `kubernetes_manifest` carries the object as the API has it, beside these provider-only arguments. */
const MANIFEST_PROVIDER_ONLY = ['computed_fields', 'field_manager', 'wait', 'wait_for', 'timeouts', 'object'];

/** Top-level fields the provider writes into the object itself rather than under `spec`. */
const TOP_LEVEL_API_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ServiceAccount: ['automount_service_account_token', 'secret', 'image_pull_secret'],
  ConfigMap: ['data', 'binary_data', 'immutable'],
};

export interface KubernetesObject {
  /** `<resource type>.<logical id>` in the Terraform JSON. */
  readonly address: string;
  readonly manifest: Record<string, any>;
}

export class ConversionError extends Error {}

/** Every Kubernetes object of a synthesized stack, converted; throws ConversionError on a field it cannot place. */
export function kubernetesObjects(stackJson: any): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const [type, resources] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
    if (!type.startsWith('kubernetes_')) continue;
    for (const [id, resource] of Object.entries<any>(resources)) {
      const address = `${type}.${id}`;
      objects.push({ address, manifest: toManifest(type, resource, address) });
    }
  }
  return objects;
}

/** One resource's object as the API receives it. */
export function toManifest(type: string, resource: Record<string, any>, address = type): Record<string, any> {
  if (type === 'kubernetes_manifest') {
    checkOnly(resource, ['manifest', ...MANIFEST_PROVIDER_ONLY, ...META_ARGUMENTS], address);
    if (!isObject(resource.manifest)) throw new ConversionError(`${address}: manifest must be an object`);
    return resource.manifest;
  }
  const known = RESOURCE_KINDS[type];
  if (!known) throw new ConversionError(`${address}: no conversion for resource type ${type}`);
  const { apiVersion, kind } = known;
  const model = modelOf(apiVersion, kind);
  const apiFields = TOP_LEVEL_API_FIELDS[kind] ?? ['spec'];
  checkOnly(resource, ['metadata', ...apiFields, ...known.providerOnly, ...META_ARGUMENTS], address);
  const object: Record<string, unknown> = { apiVersion, kind };
  const body = Object.fromEntries(Object.entries(resource).filter(([key]) => key === 'metadata' || apiFields.includes(key)));
  Object.assign(object, convertModel(body, model, address));
  return object;
}

function checkOnly(resource: Record<string, unknown>, allowed: readonly string[], address: string): void {
  for (const key of Object.keys(resource)) {
    if (!allowed.includes(key)) throw new ConversionError(`${address}.${key}: not a field of this resource the converter can place`);
  }
}

function convertModel(value: unknown, model: string, path: string): Record<string, unknown> {
  const block = unwrapBlock(value, path);
  const attributes = apiAttributes(model);
  if (!attributes) throw new ConversionError(`${path}: no API model ${model}`);
  const out: Record<string, unknown> = {};
  for (const [providerName, item] of Object.entries(block)) {
    const attribute = placeField(providerName, attributes);
    if (!attribute) throw new ConversionError(`${path}.${providerName}: ${model} has no such field`);
    out[attribute.baseName] = convertValue(item, attribute.type, `${path}.${providerName}`);
  }
  return out;
}

/**
 * The API field a provider field maps to: its camelCase name (compared without case, for
 * `external_ips` → `externalIPs`), else, for a repeated block, the API's plural list.
 */
function placeField(providerName: string, attributes: readonly { baseName: string; type: string }[]) {
  const camel = providerName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).toLowerCase();
  const exact = attributes.find((a) => a.baseName.toLowerCase() === camel);
  if (exact) return exact;
  return attributes.find((a) => parseApiType(a.type).kind === 'array' && [`${camel}s`, `${camel}es`].includes(a.baseName.toLowerCase()));
}

function convertValue(value: unknown, type: string, path: string): unknown {
  const parsed = parseApiType(type);
  switch (parsed.kind) {
    case 'array':
      if (!Array.isArray(value)) throw new ConversionError(`${path}: must be a list for ${type}, got ${JSON.stringify(value)}`);
      return value.map((item, i) => convertValue(item, parsed.of, `${path}[${i}]`));
    case 'map':
      if (!isObject(value)) throw new ConversionError(`${path}: must be a map for ${type}, got ${JSON.stringify(value)}`);
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convertValue(item, parsed.of, `${path}.${key}`)]));
    case 'model':
      return convertModel(value, parsed.name, path);
    case 'leaf':
      return convertLeaf(value, parsed.name);
  }
}

/** The provider's string forms of numbers (its int-or-string fields and its string-typed integers, e.g. `replicas`). */
function convertLeaf(value: unknown, type: string): unknown {
  if ((type === 'number' || type === 'IntOrString') && typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** A block: an object, or the provider's list of at most one. */
function unwrapBlock(value: unknown, path: string): Record<string, unknown> {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new ConversionError(`${path}: a single block was expected, got ${value.length}`);
    value = value[0];
  }
  if (!isObject(value)) throw new ConversionError(`${path}: must be a block, got ${JSON.stringify(value)}`);
  return value;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
