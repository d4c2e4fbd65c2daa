// The pull-through cache of the embedded example configuration, in its registry stack.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import type { PlatformConfig } from '../../src/config/schema';
import { renderLifecyclePolicy } from '../../src/domain/ecr/lifecycle-rules';
import { configWith } from '../support/config';

const ACCOUNT = '111122223333';

type Json = Record<string, any>;

function synthRegistry(config: PlatformConfig): Json {
  const platform = buildApp(config);
  return JSON.parse(Testing.synth(platform.registry));
}

function resources(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

function byPrefix(json: Json, type: string, key: string): Record<string, Json> {
  return Object.fromEntries(resources(json, type).map((r) => [r[key], r]));
}

function registryPolicy(json: Json): Json {
  const policies = resources(json, 'aws_ecr_registry_policy');
  expect(policies).toHaveLength(1);
  return JSON.parse(policies[0].policy);
}

describe('pull-through cache in the registry stack (example platform)', () => {
  const json = synthRegistry(configWith());

  it('creates one rule per upstream with ECR\'s upstream URL', () => {
    const rules = byPrefix(json, 'aws_ecr_pull_through_cache_rule', 'ecr_repository_prefix');
    expect(Object.fromEntries(Object.entries(rules).map(([prefix, rule]) => [prefix, rule.upstream_registry_url]))).toEqual({
      'docker-hub': 'registry-1.docker.io',
      quay: 'quay.io',
      github: 'ghcr.io',
      k8s: 'registry.k8s.io',
      'ecr-public': 'public.ecr.aws',
    });
    expect(rules['docker-hub'].credential_arn).toBe('${aws_secretsmanager_secret.pull_through_cache_credential_docker-hub.arn}');
    expect(rules.github.credential_arn).toBe('${aws_secretsmanager_secret.pull_through_cache_credential_github.arn}');
    for (const prefix of ['quay', 'k8s', 'ecr-public']) expect(rules[prefix].credential_arn).toBeUndefined();
  });

  it('creates empty credential secrets named ecr-pullthroughcache/<prefix>: no secret value in Terraform', () => {
    const secrets = json.resource.aws_secretsmanager_secret;
    expect(Object.keys(secrets).sort()).toEqual(['pull_through_cache_credential_docker-hub', 'pull_through_cache_credential_github']);
    expect(secrets['pull_through_cache_credential_docker-hub']).toMatchObject({ name: 'ecr-pullthroughcache/docker-hub', recovery_window_in_days: 7 });
    expect(secrets['pull_through_cache_credential_docker-hub'].description).toMatch(/"username" and "accessToken"/);
    // ECR reads only secrets encrypted with aws/secretsmanager.
    expect(secrets['pull_through_cache_credential_docker-hub'].kms_key_id).toBeUndefined();
    expect(json.resource.aws_secretsmanager_secret_version).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/secret_string|secret_binary/);
    expect(json.output.pull_through_cache_credentials.value).toEqual({ 'docker-hub': 'ecr-pullthroughcache/docker-hub', github: 'ecr-pullthroughcache/github' });
  });

  it('gives every prefix a creation template for the repositories the cache creates', () => {
    const templates = byPrefix(json, 'aws_ecr_repository_creation_template', 'prefix');
    expect(Object.keys(templates).sort()).toEqual(['docker-hub', 'ecr-public', 'github', 'k8s', 'quay']);
    const template = templates['docker-hub'];
    expect(template).toMatchObject({
      applied_for: ['PULL_THROUGH_CACHE'],
      image_tag_mutability: 'MUTABLE',
      encryption_configuration: [{ encryption_type: 'AES256' }],
    });
    expect(template.lifecycle_policy).toBe(renderLifecyclePolicy({ preset: 'pull-through-cache' }));
    const rules = JSON.parse(template.lifecycle_policy).rules;
    expect(rules.map((r: Json) => [r.selection.tagStatus, r.selection.countType, r.selection.countNumber])).toEqual([
      ['untagged', 'sinceImagePushed', 1],
      ['any', 'imageCountMoreThan', 10],
    ]);
    // Neither KMS nor resource tags: ECR needs no custom role.
    expect(template.custom_role_arn).toBeUndefined();
    expect(json.resource.aws_iam_role).toBeUndefined();
  });

  it('gives each node role a scoped pull policy: the cache prefixes and the platform\'s repositories, never AmazonEC2ContainerRegistryPullOnly\'s Resource "*"', () => {
    expect(json.resource.aws_iam_role_policy_attachment).toBeUndefined();
    const policies = resources(json, 'aws_iam_role_policy');
    expect(policies.map((p) => [p.role, p.name]).sort()).toEqual([
      ['faro-dev-eks-node', 'ecr-pull-platform-and-cache'],
      ['faro-prod-eks-node', 'ecr-pull-platform-and-cache'],
    ]);
    const arn = (resource: string) => `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/${resource}`;
    expect(JSON.parse(policies[0].policy).Statement).toEqual([
      { Sid: 'GetAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullThroughCache',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:BatchImportUpstreamImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: ['docker-hub/*', 'ecr-public/*', 'github/*', 'k8s/*', 'quay/*'].map(arn),
      },
      {
        Sid: 'PullPlatformRepositories',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: ['custom-apps', 'deployments', 'faro-rag/document-chunking', 'faro-rag/embeddings-engine', 'faro-rag/rag-query', 'infrastructure'].map(arn),
      },
    ]);
  });

  it('grants the first pull (CreateRepository, BatchImportUpstreamImage) in the registry policy, scoped to the prefixes and node roles', () => {
    const statement = registryPolicy(json).Statement.find((s: Json) => s.Sid === 'PullThroughCacheCreateAndImport');
    expect(statement).toEqual({
      Sid: 'PullThroughCacheCreateAndImport',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/faro-dev-eks-node`, `arn:aws:iam::${ACCOUNT}:role/faro-prod-eks-node`] },
      Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
      Resource: ['docker-hub', 'ecr-public', 'github', 'k8s', 'quay'].map((p) => `arn:aws:ecr:eu-central-1:${ACCOUNT}:repository/${p}/*`),
    });
  });
});
