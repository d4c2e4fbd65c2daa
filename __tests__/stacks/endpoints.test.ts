import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { minimalConfig, minimalProblems } from '../support/minimal-config';

function stackJson(stack: Parameters<typeof Testing.synth>[0]): any {
  return JSON.parse(Testing.synth(stack, true));
}

describe('aws.endpoints: custom endpoints for the AWS provider and the S3 backend', () => {
  it('leaves the provider and the backend without endpoint settings when unset', () => {
    const registry = stackJson(buildApp(minimalConfig()).registry);
    expect(registry.provider.aws[0]).not.toHaveProperty('endpoints');
    expect(registry.provider.aws[0]).not.toHaveProperty('s3_use_path_style');
    expect(registry.provider.aws[0]).toHaveProperty('allowed_account_ids', ['111122223333']);
    expect(Object.keys(registry.terraform.backend.s3).sort()).toEqual(['bucket', 'encrypt', 'key', 'region', 'use_lockfile']);
  });

  it('gives the provider every endpoint set, and the backend those of s3, sts and iam, with path-style addressing', () => {
    const endpoints = { ecr: 'http://127.0.0.1:5000', s3: 'http://127.0.0.1:5001', sts: 'http://127.0.0.1:5002', kms: 'https://kms-fips.eu-central-1.amazonaws.com', s3UsePathStyle: true };
    const platform = buildApp(minimalConfig({ aws: { endpoints } }));
    for (const stack of [platform.bootstrap, platform.registry, platform.access]) {
      const json = stackJson(stack);
      expect(json.provider.aws[0]).toMatchObject({
        endpoints: [{ ecr: 'http://127.0.0.1:5000', s3: 'http://127.0.0.1:5001', sts: 'http://127.0.0.1:5002', kms: 'https://kms-fips.eu-central-1.amazonaws.com' }],
        s3_use_path_style: true,
      });
      expect(json.provider.aws[0].endpoints[0]).not.toHaveProperty('iam');
    }
    expect(stackJson(platform.registry).terraform.backend.s3).toMatchObject({
      endpoints: { s3: 'http://127.0.0.1:5001', sts: 'http://127.0.0.1:5002' },
      use_path_style: true,
    });
    expect(stackJson(platform.registry).terraform.backend.s3.endpoints).not.toHaveProperty('kms');
  });

  it('sets no path-style addressing unless asked', () => {
    const registry = stackJson(buildApp(minimalConfig({ aws: { endpoints: { ecr: 'https://ecr-fips.eu-central-1.amazonaws.com' } } })).registry);
    expect(registry.provider.aws[0]).toMatchObject({ endpoints: [{ ecr: 'https://ecr-fips.eu-central-1.amazonaws.com' }] });
    expect(registry.provider.aws[0]).not.toHaveProperty('s3_use_path_style');
    expect(registry.terraform.backend.s3).not.toHaveProperty('endpoints');
    expect(registry.terraform.backend.s3).not.toHaveProperty('use_path_style');
  });

  it('refuses an endpoint that is not an http(s) URL, and a service it does not know', () => {
    expect(minimalProblems({ aws: { endpoints: { ecr: 'ftp://127.0.0.1:5000' } } })).toEqual(['aws.endpoints.ecr: must be an http:// or https:// URL, got "ftp://127.0.0.1:5000"']);
    expect(minimalProblems({ aws: { endpoints: { s3: 'localhost:5000' } } })).toEqual(['aws.endpoints.s3: must be an http:// or https:// URL, got "localhost:5000"']);
    expect(minimalProblems({ aws: { endpoints: { dynamodb: 'http://127.0.0.1:5000' } as never } })).toEqual([
      'aws.endpoints.dynamodb: unknown key; allowed keys here: ecr, iam, kms, s3, secretsmanager, sts, eks, s3UsePathStyle',
    ]);
  });
});
