/**
 * The fields every Kubernetes API type has, from the models that `@kubernetes/client-node`
 * generates from the API's OpenAPI spec (release 1.36 for 2.0.1). The package's main entry
 * does not load on Node 20, so each generated model file is required by itself (jest's
 * config turns those ES modules into CommonJS).
 */

interface Attribute {
  /** The field's JSON name in the API. */
  readonly baseName: string;
  /** e.g. `V1PodSpec`, `Array<V1Container>`, `{ [key: string]: string; }`, `IntOrString`, `number`. */
  readonly type: string;
}

const LEAF_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'any', 'IntOrString']);
const cache = new Map<string, readonly Attribute[] | undefined>();

/** The attributes of a generated API model (e.g. `V1Deployment`), or undefined when there is no such model. */
export function apiAttributes(model: string): readonly Attribute[] | undefined {
  if (!cache.has(model)) {
    let attributes: Attribute[] | undefined;
    if (/^[A-Za-z0-9]+$/.test(model)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        attributes = require(`@kubernetes/client-node/dist/gen/models/${model}.js`)[model]?.getAttributeTypeMap();
      } catch {
        attributes = undefined;
      }
    }
    cache.set(model, attributes);
  }
  return cache.get(model);
}

/** What a type string holds: a list of, a map of, a model, or a leaf. */
export type ApiType =
  | { readonly kind: 'array'; readonly of: string }
  | { readonly kind: 'map'; readonly of: string }
  | { readonly kind: 'model'; readonly name: string }
  | { readonly kind: 'leaf'; readonly name: string };

export function parseApiType(type: string): ApiType {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { kind: 'array', of: array[1] };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { kind: 'map', of: map[1] };
  if (LEAF_TYPES.has(type)) return { kind: 'leaf', name: type };
  return { kind: 'model', name: type };
}

/** The client-node model of an object's apiVersion and kind: `apps/v1` + `Deployment` → `V1Deployment`. */
export function modelOf(apiVersion: string, kind: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

/**
 * Every field of `value` that the API type `type` does not have, as paths
 * (`spec.template.spec.containers[0].bogus`), at any depth.
 */
export function unknownApiFields(value: unknown, type: string, path = ''): string[] {
  const parsed = parseApiType(type);
  if (value === null || value === undefined) return [];
  switch (parsed.kind) {
    case 'leaf':
      return [];
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => unknownApiFields(item, parsed.of, `${path}[${i}]`)) : [];
    case 'map':
      return isObject(value) ? Object.entries(value).flatMap(([key, item]) => unknownApiFields(item, parsed.of, join(path, key))) : [];
    case 'model': {
      const attributes = apiAttributes(parsed.name);
      if (!attributes) throw new Error(`${path || '(root)'}: no API model ${parsed.name} in @kubernetes/client-node`);
      if (!isObject(value)) return [];
      const byName = new Map(attributes.map((a) => [a.baseName, a.type]));
      return Object.entries(value).flatMap(([key, item]) => {
        const fieldType = byName.get(key);
        return fieldType === undefined ? [join(path, key)] : unknownApiFields(item, fieldType, join(path, key));
      });
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
