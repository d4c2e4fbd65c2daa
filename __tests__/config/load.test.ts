import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, parseConfig, parseConfigText } from '../../src/config/load';
import { ConfigError, formatProblem } from '../../src/config/problems';
import { defaultConfigInput, mergeConfig, problemsFrom } from '../support/config';
import { tempDir } from '../support/temp-dir';

function problemsOf(raw: unknown): string[] {
  const problems = problemsFrom(() => parseConfig(raw));
  if (!problems.length) throw new Error('expected the configuration to be rejected');
  return problems.map(formatProblem);
}

describe('configuration loading', () => {
  it('loads the embedded example platform when no file is named', async () => {
    const config = await loadConfig();
    expect(config.aws).toEqual({ accountId: '111122223333', region: 'eu-central-1' });
    expect(config.state.bucket).toBe('faro-terraform-state-111122223333');
    expect(Object.keys(config.environments)).toEqual(['dev', 'prod']);
    expect(config.registry.repositories.map((r) => r.name)).toEqual(
      expect.arrayContaining(['faro-rag/document-chunking', 'faro-rag/embeddings-engine', 'faro-rag/rag-query', 'infrastructure', 'deployments', 'custom-apps']),
    );
  });

  it('reads YAML and JSON files that describe the same platform identically', async () => {
    const dir = tempDir('cfg-');
    const json = path.join(dir, 'platform.json');
    fs.writeFileSync(json, JSON.stringify(defaultConfigInput()));
    expect(await loadConfig(json)).toEqual(await loadConfig());
  });

  it('names the field, the value it got and what is allowed, one line per problem', () => {
    const raw = mergeConfig(defaultConfigInput(), { aws: { accountId: '12345', region: 'Frankfurt' }, state: { bucket: 'Bad_Bucket' } });
    expect(problemsOf(raw)).toEqual([
      'aws.accountId: must be a 12-digit AWS account ID, got "12345"',
      'aws.region: must be an AWS region such as eu-central-1, got "Frankfurt"',
      'state.bucket: must consist only of lower-case letters, digits, dots (.) and hyphens (-), got "Bad_Bucket"',
    ]);
  });

  it('rejects unknown keys (typos) and lists the keys allowed there', () => {
    const raw = mergeConfig(defaultConfigInput(), { state: { bucket: 'faro-state-bucket', bucktet: 'typo' } });
    const [problem] = problemsOf(raw);
    expect(problem).toMatch(/^state\.bucktet: unknown key; allowed keys here: bucket, region, assumeRoleArn, /);
  });

  it('reports missing required fields and wrong types', () => {
    const withoutOwner = { ...(defaultConfigInput() as Record<string, unknown>) };
    delete withoutOwner.owner;
    expect(problemsOf(withoutOwner)).toEqual(['owner: is required (string)']);
    expect(problemsOf(mergeConfig(defaultConfigInput(), { environments: { dev: { production: 'no' } } }))).toEqual([
      'environments.dev.production: must be a boolean, got "no"',
    ]);
  });

  it('reports enum values with the allowed list', () => {
    expect(problemsOf(mergeConfig(defaultConfigInput(), { state: { bucket: 'faro-state', bootstrapBackend: 'gcs' } }))).toEqual([
      'state.bootstrapBackend: must be one of "local", "s3", got "gcs"',
    ]);
  });

  it('points at the line of a YAML syntax error', () => {
    expect(() => parseConfigText('project: faro\n  owner: [unclosed\n', 'bad.yaml')).toThrow(ConfigError);
    try {
      parseConfigText('project: faro\n  owner: [unclosed\n', 'bad.yaml');
    } catch (error) {
      expect((error as ConfigError).problems[0].path).toMatch(/^bad\.yaml:\d+:\d+$/);
      expect((error as ConfigError).problems[0].message).toMatch(/^is not valid YAML: /);
    }
  });

  it('says when the file cannot be read', async () => {
    await expect(loadConfig('/nonexistent/platform.yaml')).rejects.toThrow('/nonexistent/platform.yaml: cannot be read (ENOENT)');
  });
});
