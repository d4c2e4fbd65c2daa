import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { MINIMAL, minimalConfig, minimalConfigInput, minimalProblems, withRepositories } from './minimal-config';

describe('the minimal configuration builder', () => {
  it('is valid and synthesizes, with one repository', () => {
    const config = minimalConfig();
    expect(config.registry.repositories.map((r) => r.name)).toEqual([MINIMAL.repository]);
    expect(config.kubernetes).toBeUndefined();
    const registry = JSON.parse(Testing.synth(buildApp(config).registry, true));
    expect(Object.values(registry.resource.aws_ecr_repository).map((r: any) => r.name)).toEqual([MINIMAL.repository]);
  });

  it('merges objects deeply, replaces arrays, removes undefined keys', () => {
    const input = minimalConfigInput({ aws: { region: 'us-east-1' }, environments: { prod: undefined }, ...withRepositories({ name: 'api' }) });
    expect(input.aws).toEqual({ accountId: MINIMAL.account, region: 'us-east-1' });
    expect(Object.keys(input.environments)).toEqual(['dev']);
    expect(input.registry?.repositories?.map((r) => r.name)).toEqual(['app', 'api']);
  });

  it('reports what an override breaks', () => {
    expect(minimalProblems({ project: 'Acme!' })).toEqual(['project: must be lower-case letters, digits and - (2-32 characters), got "Acme!"']);
  });
});
