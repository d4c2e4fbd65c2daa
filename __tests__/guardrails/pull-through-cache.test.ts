import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type { Construct } from 'constructs';
import { findingsOf, stack } from './support';

const LIFECYCLE = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } }] });

function template(scope: Construct, prefix: string, props: Partial<ConstructorParameters<typeof EcrRepositoryCreationTemplate>[2]> = {}): void {
  new EcrRepositoryCreationTemplate(scope, `template-${prefix}`, {
    prefix,
    appliedFor: ['PULL_THROUGH_CACHE'],
    encryptionConfiguration: [{ encryptionType: 'AES256' }],
    lifecyclePolicy: LIFECYCLE,
    ...props,
  });
}

describe('PTC-001 credentials for upstreams that need one', () => {
  it('flags Docker Hub and GHCR rules without credential_arn, not Quay', () => {
    const s = stack('registry', (scope) => {
      new EcrPullThroughCacheRule(scope, 'docker-hub', { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' });
      new EcrPullThroughCacheRule(scope, 'github', { ecrRepositoryPrefix: 'github', upstreamRegistryUrl: 'ghcr.io' });
      new EcrPullThroughCacheRule(scope, 'quay', { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' });
      const secret = new SecretsmanagerSecret(scope, 'gitlab-secret', { name: 'ecr-pullthroughcache/gitlab' });
      new EcrPullThroughCacheRule(scope, 'gitlab', { ecrRepositoryPrefix: 'gitlab', upstreamRegistryUrl: 'registry.gitlab.com', credentialArn: secret.arn });
    });
    expect(findingsOf('PTC-001', [s]).map((f) => [f.level, f.resource, f.message])).toEqual([
      ['error', 'registry/docker-hub', 'cache rule "docker-hub" for registry-1.docker.io has no credential_arn.'],
      ['error', 'registry/github', 'cache rule "github" for ghcr.io has no credential_arn.'],
    ]);
  });
});

describe('PTC-002 credential secret names', () => {
  it('flags a secret (created or existing) whose name lacks the ecr-pullthroughcache/ prefix', () => {
    const s = stack('registry', (scope) => {
      const wrong = new SecretsmanagerSecret(scope, 'wrong', { name: 'dockerhub-token' });
      new EcrPullThroughCacheRule(scope, 'docker-hub', { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', credentialArn: wrong.arn });
      new EcrPullThroughCacheRule(scope, 'github', {
        ecrRepositoryPrefix: 'github',
        upstreamRegistryUrl: 'ghcr.io',
        credentialArn: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:ecr-pullthroughcache/github-AbCdEf',
      });
    });
    expect(findingsOf('PTC-002', [s]).map((f) => f.message)).toEqual([
      'cache rule "docker-hub" uses secret "dockerhub-token" (registry/wrong), whose name does not start with ecr-pullthroughcache/.',
    ]);
  });
});

describe('PTC-003 creation template per cache prefix', () => {
  it('flags a cache prefix without a PULL_THROUGH_CACHE template', () => {
    const s = stack('registry', (scope) => {
      new EcrPullThroughCacheRule(scope, 'quay', { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' });
      new EcrPullThroughCacheRule(scope, 'k8s', { ecrRepositoryPrefix: 'k8s', upstreamRegistryUrl: 'registry.k8s.io' });
      template(scope, 'quay');
      template(scope, 'k8s', { appliedFor: ['REPLICATION'] });
    });
    expect(findingsOf('PTC-003', [s]).map((f) => [f.resource, f.message])).toEqual([['registry/k8s', 'cache prefix "k8s" has no repository creation template for PULL_THROUGH_CACHE.']]);
  });

  it('accepts a ROOT template for every prefix, and a template whose prefix references the rule', () => {
    const root = stack('registry', (scope) => {
      new EcrPullThroughCacheRule(scope, 'quay', { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' });
      template(scope, 'ROOT');
    });
    const byReference = stack('registry', (scope) => {
      const rule = new EcrPullThroughCacheRule(scope, 'quay', { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' });
      template(scope, 'quay', { prefix: rule.ecrRepositoryPrefix });
    });
    expect(findingsOf('PTC-003', [root])).toEqual([]);
    expect(findingsOf('PTC-003', [byReference])).toEqual([]);
  });
});

describe('PTC-004 creation template settings', () => {
  it('flags a template without encryption or lifecycle policy', () => {
    const s = stack('registry', (scope) => template(scope, 'quay', { encryptionConfiguration: undefined, lifecyclePolicy: undefined }));
    expect(findingsOf('PTC-004', [s]).map((f) => f.message)).toEqual(['creation template "quay" has no encryption_configuration and no lifecycle_policy.']);
  });
});

describe('SEC-001 secret values in state', () => {
  it('flags a secret version with a value, not a secret without one', () => {
    const s = stack('registry', (scope) => {
      const secret = new SecretsmanagerSecret(scope, 'token', { name: 'ecr-pullthroughcache/docker-hub' });
      new SecretsmanagerSecretVersion(scope, 'token-value', { secretId: secret.id, secretString: '{"username":"u","accessToken":"t"}' });
    });
    expect(findingsOf('SEC-001', [s])).toEqual([expect.objectContaining({ level: 'error', resource: 'registry/token-value', message: 'secret version sets secret_string, which Terraform keeps in state.' })]);
  });
});
