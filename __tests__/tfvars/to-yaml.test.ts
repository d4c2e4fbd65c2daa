import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../src/config/load';
import { translateTfvars } from '../../src/config/parse/tfvars';
import { renderConfigYaml } from '../../src/config/to-yaml';
import { defaultConfigInput } from '../support/config';
import { FIXTURES, fixtureText } from './support';

const fixtures = fs.readdirSync(FIXTURES).sort();

describe('renderConfigYaml', () => {
  test.each(fixtures)('the YAML of %s reads back to the same configuration', async (fixture) => {
    const translation = await translateTfvars(fixtureText(fixture), 'terraform.tfvars');
    const yaml = renderConfigYaml(translation.config, { header: 'Translated', comments: translation.comments });
    const document = parseDocument(yaml);
    expect(document.errors).toEqual([]);
    expect(document.toJS()).toEqual(translation.config);
    expect(parseConfig(document.toJS())).toEqual(parseConfig(translation.config));
  });

  test('the example platform reads back the same too', () => {
    const input = defaultConfigInput();
    expect(parseDocument(renderConfigYaml(input)).toJS()).toEqual(input);
  });

  test('comments land above their key or list item, or at the end of a scalar line', () => {
    const yaml = renderConfigYaml(
      { project: 'acme', aws: { accountId: '012345678901', region: 'eu-central-1' }, registry: { repositories: [{ name: 'a' }, { name: 'b' }] } },
      {
        header: 'Line one\nLine two',
        comments: [
          { path: ['aws', 'accountId'], text: 'the account' },
          { path: ['aws', 'region'], text: 'where', placement: 'inline' },
          { path: ['registry', 'repositories', 1], text: 'the second' },
        ],
      },
    );
    expect(yaml).toBe(
      [
        '# Line one',
        '# Line two',
        '',
        'project: acme',
        '',
        'aws:',
        '  # the account',
        '  accountId: "012345678901"',
        '  region: eu-central-1 # where',
        '',
        'registry:',
        '  repositories:',
        '    - name: a',
        '    # the second',
        '    - name: b',
        '',
      ].join('\n'),
    );
  });

  test('short lists of scalars are written on one line, long ones as blocks', () => {
    const long = Array.from({ length: 8 }, (_, i) => `organization/repository-${i}`);
    const yaml = renderConfigYaml({ short: ['main'], long });
    expect(yaml).toContain('short: [main]\n');
    expect(yaml).toContain(`long:\n  - ${long[0]}\n`);
  });

  test('a comment on a path that is not there is a programming error', () => {
    expect(() => renderConfigYaml({ a: 1 }, { comments: [{ path: ['b'], text: 'x' }] })).toThrow('no node at b');
  });
});

describe('the translated YAML explains itself', () => {
  test('layout 1: adoption, the state key shared with the old setup, the OIDC provider', async () => {
    const translation = await translateTfvars(fixtureText('repos-ecr'), 'terraform.tfvars');
    const yaml = renderConfigYaml(translation.config, { comments: translation.comments });
    expect(yaml).toMatch(/# adopt: true: the repository exists already, so the first plan imports it[^\n]*\n[^\n]*\n\s+repositories:\n\s+- name: my-web-app\n\s+adopt: true/);
    expect(yaml).toMatch(/# [^\n]*global\/repos-ecr\/terraform.tfstate[^\n]*\n\s+# [^\n]*move the old state file away[^\n]*\n\s+bucket: acme-terraform-state/);
    expect(yaml).toMatch(/# The account has a GitHub OIDC provider already[^\n]*\n\s+#[^\n]*existingOidcProviderArn[^\n]*\n\s+adoptOidcProvider: true/);
  });

  test('layout 2: lifecycle numbers and the KMS key to check', async () => {
    const translation = await translateTfvars(fixtureText('ecr-objects'), 'terraform.tfvars');
    const yaml = renderConfigYaml(translation.config, { comments: translation.comments });
    expect(yaml).toMatch(/# Keep the newest 20 images of each of v\*, prod\*, staging\*, dev\* \(one rule per prefix\); untagged images expire after 7 days.\n\s+lifecyclePolicy:\n\s+preset: platform/);
    expect(yaml).toMatch(/# ecr_enable_encryption = true[^\n]*\n(\s+#[^\n]*\n)+\s+encryption:\n\s+type: KMS/);
  });
});
