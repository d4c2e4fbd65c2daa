import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { EcrRegistryPolicy } from '@cdktf/provider-aws/lib/ecr-registry-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import type { Construct } from 'constructs';
import { patternReachesPrefix } from '../../src/guardrails/rules/pull-through-cache';
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

describe('PTC-005 no push grant reaches a cache prefix', () => {
  const push = (resource: string) => ({ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'], Resource: resource });
  const pushPolicy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

  it('flags the attack: a CI push policy on team/* next to the cache prefix team/hub; not a policy on team/app', () => {
    const s = stack('registry', (scope) => {
      new EcrPullThroughCacheRule(scope, 'hub', { ecrRepositoryPrefix: 'team/hub', upstreamRegistryUrl: 'quay.io' });
      template(scope, 'team/hub');
      new IamPolicy(scope, 'ci-push', { name: 'ci-push', policy: pushPolicy(push('arn:aws:ecr:eu-central-1:111122223333:repository/team/*')) });
      new IamPolicy(scope, 'app-push', { name: 'app-push', policy: pushPolicy(push('arn:aws:ecr:eu-central-1:111122223333:repository/team/app')) });
    });
    expect(findingsOf('PTC-005', [s]).map((f) => [f.level, f.resource, f.message])).toEqual([
      ['error', 'registry/ci-push', 'policy of aws_iam_policy allows push to the pull-through cache prefix "team/hub".'],
    ]);
  });

  it('flags push in a creation template policy (every cached repository gets it), a registry policy on the prefix and a repository policy under it', () => {
    const s = stack('registry', (scope) => {
      new EcrPullThroughCacheRule(scope, 'hub', { ecrRepositoryPrefix: 'hub', upstreamRegistryUrl: 'quay.io' });
      template(scope, 'hub', { repositoryPolicy: pushPolicy({ ...push('*'), Resource: undefined, Principal: { AWS: 'arn:aws:iam::222233334444:root' } }) });
      new EcrRegistryPolicy(scope, 'registry-policy', {
        policy: pushPolicy({ ...push('arn:aws:ecr:eu-central-1:111122223333:repository/hub/*'), Principal: { AWS: 'arn:aws:iam::222233334444:root' } }),
      });
      const planted = new EcrRepository(scope, 'planted', { name: 'hub/library/nginx' });
      new EcrRepositoryPolicy(scope, 'planted-policy', {
        repository: planted.name,
        policy: pushPolicy({ ...push('*'), Resource: undefined, Principal: { AWS: 'arn:aws:iam::222233334444:root' } }),
      });
    });
    expect(findingsOf('PTC-005', [s]).map((f) => [f.resource, f.message])).toEqual([
      ['registry/template-hub', 'the repository policy of creation template "hub" allows push to the pull-through cache prefix "hub".'],
      ['registry/registry-policy', 'policy of aws_ecr_registry_policy allows push to the pull-through cache prefix "hub".'],
      ['registry/planted-policy', 'the repository policy of "hub/library/nginx" allows push to the pull-through cache prefix "hub".'],
    ]);
  });

  it('reads a repository pattern as reaching a prefix when its literal start agrees with it', () => {
    expect([patternReachesPrefix('team/*', 'team/hub'), patternReachesPrefix('*', 'hub'), patternReachesPrefix('te*', 'team/hub')]).toEqual([true, true, true]);
    expect([patternReachesPrefix('team/app', 'team/hub'), patternReachesPrefix('faro-rag/*', 'docker-hub'), patternReachesPrefix('hub', 'hub')]).toEqual([false, false, false]);
  });
});
