import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { MINIMAL, minimalConfig, minimalConfigInput, minimalProblems, withRepositories, withWorkloads } from './minimal-config';

describe('the minimal configuration builder', () => {
  it('is valid and synthesizes, with one repository', () => {
    const config = minimalConfig();
    expect(config.registry.repositories.map((r) => r.name)).toEqual([MINIMAL.repository]);
    expect(config.kubernetes).toBeUndefined();
    const registry = JSON.parse(Testing.synth(buildApp(config).registry, true));
    expect(Object.values(registry.resource.aws_ecr_repository).map((r: any) => r.name)).toEqual([MINIMAL.repository]);
  });

  it('withWorkloads adds one service and a workloads stack per environment', () => {
    const platform = buildApp(minimalConfig(withWorkloads()));
    expect(Object.keys(platform.workloads)).toEqual(['dev', 'prod']);
    const prod = JSON.parse(Testing.synth(platform.workloads.prod, true));
    expect(Object.values(prod.resource.kubernetes_deployment_v1 ?? prod.resource.kubernetes_deployment).map((d: any) => d.metadata.name)).toEqual([MINIMAL.repository]);
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
