import * as fs from 'node:fs';
import { renderJsonSchema } from '../../src/config/json-schema';
import { SCHEMA_PATH } from '../../src/cli/write-schema';

describe('published JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing src/config/schema)', () => {
    expect(fs.readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderJsonSchema());
  });

  it('forbids unknown keys and describes the sections editors complete', () => {
    const schema = JSON.parse(renderJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['project', 'owner', 'aws', 'state', 'environments']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['registry', 'pullThroughCache', 'access', 'kubernetes', 'guardrails']),
    );
    expect(schema.properties.aws.properties.accountId.pattern).toBe('^\\d{12}$');
  });
});
