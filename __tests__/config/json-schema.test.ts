import * as fs from 'node:fs';
import { renderJsonSchema } from '../../src/config/json-schema';
import { SCHEMA_PATH } from '../../src/cli/write-schema';

type JsonSchema = { description?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; additionalProperties?: JsonSchema | boolean; anyOf?: JsonSchema[] };

/** The schema at a path of property names; `[]` steps into array items. */
function at(schema: JsonSchema, path: string): JsonSchema {
  return path.split('.').reduce<JsonSchema>((node, segment) => {
    const [name, ...items] = segment.split('[]');
    let next = node.properties?.[name];
    if (!next) throw new Error(`no property ${name} in the schema at ${path}`);
    for (let i = 0; i < items.length; i++) {
      if (!next.items) throw new Error(`${name} is not an array in the schema at ${path}`);
      next = next.items;
    }
    return next;
  }, schema);
}

describe('published JSON Schema', () => {
  const schema = JSON.parse(renderJsonSchema());

  it('is up to date with the zod schema (run `npm run schema` after changing src/config/schema)', () => {
    expect(fs.readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderJsonSchema());
  });

  it('forbids unknown keys and describes the sections editors complete', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['project', 'owner', 'aws', 'state', 'environments']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['registry', 'pullThroughCache', 'access', 'kubernetes', 'guardrails']),
    );
    expect(schema.properties.aws.properties.accountId.pattern).toBe('^\\d{12}$');
  });

  it('gives every top-level section a description', () => {
    const undescribed = Object.entries(schema.properties as Record<string, JsonSchema>)
      .filter(([, property]) => !property.description?.trim())
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it('gives every property, at any depth, a description for editor hovers', () => {
    const undescribed: string[] = [];
    const walk = (node: JsonSchema, path: string) => {
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        if (!property.description?.trim()) undescribed.push(`${path}${name}`);
        walk(property, `${path}${name}.`);
      }
      if (node.items) walk(node.items, path.replace(/\.$/, '[].'));
      if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}<key>.`);
      node.anyOf?.forEach((option) => walk(option, path));
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it.each([
    ['aws.accountId', /AWS account the platform deploys to/],
    ['registry.repositories[].tagMutability', /Default: IMMUTABLE for repositories used by a production environment/],
    ['registry.defaults.tagMutability', /MUTABLE or IMMUTABLE/],
    ['pullThroughCache.rules[].upstream', /docker-hub.*need a credential/],
    ['access.github.ciRoles[].branches', /Branches .* may assume the role/],
    ['kubernetes.services[].port', /Port the container listens on/],
    ['guardrails.suppressions[].reason', /Why this is acceptable/],
    ['state.noncurrentVersionExpirationDays', /Default: 90/],
  ])('describes %s', (path, text) => {
    expect(at(schema, path).description).toMatch(text);
  });

  it('describes a reused schema where it is used when the text depends on the place', () => {
    // One encryption schema, two meanings of "KMS without a key": repositories get the stack's key, cache templates AWS's.
    expect(at(schema, 'registry.defaults.encryption').description).toMatch(/key this stack creates/);
    expect(at(schema, 'pullThroughCache.template.encryption').description).toMatch(/ECR's AWS managed key/);
    // The top-level accountId has its own text; lists of accounts keep the generic one.
    expect(at(schema, 'pullThroughCache.accounts').items?.description).toMatch(/12-digit AWS account ID/);
    expect(at(schema, 'pullThroughCache.accounts').items?.description).not.toMatch(/deploys to/);
  });
});
