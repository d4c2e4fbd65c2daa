// The registry stack of the embedded example configuration.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';

type Json = Record<string, any>;

function synthRegistry(config = configWith()): Json {
  const platform = buildApp(config);
  return JSON.parse(Testing.synth(platform.registry, true));
}

/** The resources of a type, keyed by their logical ID without the hash (`repo-infrastructure_lifecycle-policy`). */
function resourcesOf(stack: Json, type: string): Record<string, Json> {
  return Object.fromEntries(Object.entries(stack.resource?.[type] ?? {}).map(([id, r]: any) => [id.replace(/_[0-9A-F]{8}$/, ''), r]));
}

describe('registry stack with the example configuration', () => {
  const stack = synthRegistry();

  it('creates every repository with scanning and encryption; prod ones immutable', () => {
    const repos = Object.values(stack.resource.aws_ecr_repository).map((r: any) => [r.name, r.image_tag_mutability, r.image_scanning_configuration.scan_on_push, r.encryption_configuration[0].encryption_type, r.force_delete]);
    expect(repos.sort()).toEqual([
      ['custom-apps', 'MUTABLE', true, 'AES256', false],
      ['deployments', 'MUTABLE', true, 'AES256', false],
      ['faro-rag/document-chunking', 'IMMUTABLE', true, 'AES256', false],
      ['faro-rag/embeddings-engine', 'IMMUTABLE', true, 'AES256', false],
      ['faro-rag/rag-query', 'IMMUTABLE', true, 'AES256', false],
      ['infrastructure', 'IMMUTABLE', true, 'AES256', false],
    ]);
  });

  it('gives each repository its lifecycle policy, referencing the repository', () => {
    const policies = resourcesOf(stack, 'aws_ecr_lifecycle_policy');
    const infrastructure = policies['repo-infrastructure_lifecycle-policy'];
    expect(infrastructure.repository).toMatch(/^\$\{aws_ecr_repository\.repo-infrastructure_repository_[0-9A-F]{8}\.name\}$/);
    // Preset platform: untagged after 7 days, then the newest 20 of each release prefix, one rule each.
    expect(JSON.parse(infrastructure.policy).rules.map((r: any) => [r.selection.countNumber, r.selection.tagPrefixList])).toEqual([
      [7, undefined],
      [20, ['v']],
      [20, ['prod']],
      [20, ['staging']],
      [20, ['dev']],
    ]);
    expect(JSON.parse(policies['repo-custom-apps_lifecycle-policy'].policy).rules).toEqual([
      { rulePriority: 1, description: 'Keep the last 10 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } },
    ]);
  });

  it('emits no repository policy, KMS key or import when nothing asks for them', () => {
    expect(stack.resource.aws_ecr_repository_policy).toBeUndefined();
    expect(stack.resource.aws_kms_key).toBeUndefined();
    expect(stack.import).toBeUndefined();
  });

  it('replicates the production images (faro-rag/*) to eu-west-1, in the same account', () => {
    const [replication] = Object.values(stack.resource.aws_ecr_replication_configuration) as any[];
    expect(replication.replication_configuration.rule).toEqual([
      { destination: [{ region: 'eu-west-1', registry_id: '111122223333' }], repository_filter: [{ filter: 'faro-rag', filter_type: 'PREFIX_MATCH' }] },
    ]);
  });

  it('configures registry scanning', () => {
    expect(Object.values(stack.resource.aws_ecr_registry_scanning_configuration)).toEqual([
      expect.objectContaining({ scan_type: 'BASIC', rule: [{ scan_frequency: 'SCAN_ON_PUSH', repository_filter: [{ filter: '*', filter_type: 'WILDCARD' }] }] }),
    ]);
  });

  it('outputs repository URLs and ARNs by name, the registry URL and the docker login command', () => {
    expect(Object.keys(stack.output).sort()).toEqual(expect.arrayContaining(['docker_login_command', 'registry_url', 'repository_arns', 'repository_urls']));
    expect(stack.output.registry_url.value).toBe('111122223333.dkr.ecr.eu-central-1.amazonaws.com');
    expect(stack.output.docker_login_command.value).toBe(
      'aws ecr get-login-password --region eu-central-1 | docker login --username AWS --password-stdin 111122223333.dkr.ecr.eu-central-1.amazonaws.com',
    );
    expect(Object.keys(stack.output.repository_urls.value).sort()).toEqual(['custom-apps', 'deployments', 'faro-rag/document-chunking', 'faro-rag/embeddings-engine', 'faro-rag/rag-query', 'infrastructure']);
    expect(stack.output.repository_urls.value['faro-rag/rag-query']).toMatch(/^\$\{aws_ecr_repository\.repo-faro-rag--rag-query_repository_[0-9A-F]{8}\.repository_url\}$/);
    expect(stack.output.repository_arns.value.infrastructure).toMatch(/^\$\{aws_ecr_repository\.repo-infrastructure_repository_[0-9A-F]{8}\.arn\}$/);
  });

  it('uses the state key global/repos-ecr/terraform.tfstate', () => {
    expect(stack.terraform.backend.s3.key).toBe('global/repos-ecr/terraform.tfstate');
  });
});
