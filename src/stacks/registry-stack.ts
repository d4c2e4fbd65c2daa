import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { ResolvedPlatform } from '../config/resolve/platform';
import { stateKeys } from '../config/model';
import { Repository } from '../constructs/ecr/repository';
import { RegistryKey } from '../constructs/ecr/kms-key';
import { RegistryPolicy } from '../constructs/ecr/registry-policy';
import { RegistryScanning } from '../constructs/ecr/scanning';
import { Replication } from '../constructs/ecr/replication';
import { replicationIntoRegistryStatement } from '../domain/ecr/replication-rules';
import { PullThroughCache } from '../constructs/pull-through-cache/pull-through-cache';
import type { PolicyStatement } from '../domain/iam/policy-document';
import { PlatformStack } from './platform-stack';

/**
 * Logical ID of a repository's construct: derived from its name, so reordering the list never
 * replaces a repository. Injective: ECR names never contain "--", so "a/b" ("repo-a--b") cannot
 * collide with "a-b" ("repo-a-b"), and ".", "_" stay as they are.
 */
export function repositoryConstructId(name: string): string {
  return `repo-${name.replace(/\//g, '--')}`;
}

/** `aws ecr get-login-password ... | docker login ...` for the registry. */
export function dockerLoginCommand(platform: Pick<ResolvedPlatform, 'aws' | 'registryHost'>): string {
  return `aws ecr get-login-password --region ${platform.aws.region} | docker login --username AWS --password-stdin ${platform.registryHost}`;
}

/**
 * The account-wide registry: repositories with their lifecycle and access policies,
 * registry scanning, replication, pull-through cache and the registry policy.
 * State key: global/repos-ecr/terraform.tfstate.
 */
export class RegistryStack extends PlatformStack {
  /** By repository name (after the naming scheme). */
  readonly repositories: Record<string, Repository> = {};
  /** The customer managed key, when a repository uses KMS without naming a key. */
  readonly kmsKey?: RegistryKey;
  readonly scanning: RegistryScanning;
  readonly replication?: Replication;
  readonly pullThroughCache: PullThroughCache;
  readonly registryPolicy?: RegistryPolicy;

  constructor(scope: Construct, id: string, platform: ResolvedPlatform) {
    super(scope, id, { platform, stateKey: stateKeys.global('repos-ecr') });
    const { accountId, region } = platform.aws;
    const { registry } = platform;

    // --- repositories (issue #3), as the resolve step left them
    if (registry.kmsKeyAlias) {
      this.kmsKey = new RegistryKey(this, 'kms-key', { accountId, region, aliasName: registry.kmsKeyAlias });
    }
    for (const repo of platform.repositories) {
      const encryption = repo.encryption;
      this.repositories[repo.name] = new Repository(this, repositoryConstructId(repo.name), {
        repositoryName: repo.name,
        tagMutability: repo.tagMutability,
        scanOnPush: repo.scanOnPush,
        // A KMS repository without a key of its own uses the registry's key.
        encryption: encryption.type === 'KMS' ? { type: 'KMS', kmsKeyArn: encryption.kmsKeyArn ?? this.kmsKey!.keyArn } : encryption,
        forceDelete: repo.forceDelete,
        lifecyclePolicy: repo.lifecyclePolicy,
        access: {
          pullPrincipals: repo.pull.principals,
          pushPrincipals: repo.pushPrincipals,
          lambdaAccounts: repo.pull.lambdaAccounts,
          organizationIds: repo.pull.organizationIds,
        },
        region,
        tags: repo.tags,
        adopt: repo.adopt,
      });
    }

    // --- registry-wide settings (issue #3): scanning, replication
    this.scanning = new RegistryScanning(this, 'scanning', registry.scanning);

    const registryStatements: PolicyStatement[] = [];
    if (registry.replicationRules.length) {
      this.replication = new Replication(this, 'replication', { source: { accountId, region }, rules: registry.replicationRules });
    }
    // One statement per source account, on its own prefixes only (never repository/*).
    for (const source of registry.allowReplicationFrom) {
      registryStatements.push(
        replicationIntoRegistryStatement({ sid: `AllowReplicationFrom${source.accountId}`, sourceAccountIds: [source.accountId], registry: { accountId, region }, prefixFilterSets: [source.prefixes] }),
      );
    }

    // --- pull-through cache (issue #4)
    const cache = platform.pullThroughCache;
    this.pullThroughCache = new PullThroughCache(this, 'pull-through-cache', {
      accountId,
      region,
      rules: cache.rules,
      templateRoleName: cache.templateRoleName,
      nodeRoleNames: cache.nodeRoleNames,
      accounts: cache.accounts,
      // Nodes pull the platform's images too: scoped to its repositories, not AmazonEC2ContainerRegistryPullOnly's "*".
      nodeRepositoryArns: platform.repositories.map((repo) => repo.arn),
    });
    registryStatements.push(...this.pullThroughCache.registryPolicyStatements);

    // --- the one registry policy, from every part's statements
    if (registryStatements.length) {
      this.registryPolicy = new RegistryPolicy(this, 'registry-policy', { statements: registryStatements });
    }

    // --- outputs
    const byName = (value: (repo: Repository) => string) =>
      Object.fromEntries(Object.entries(this.repositories).map(([name, repo]) => [name, value(repo)]));
    new TerraformOutput(this, 'repository_urls', { value: byName((repo) => repo.repositoryUrl), description: 'Repository URL by repository name' });
    new TerraformOutput(this, 'repository_arns', { value: byName((repo) => repo.repositoryArn), description: 'Repository ARN by repository name' });
    new TerraformOutput(this, 'registry_url', { value: platform.registryHost, description: 'The registry host: <account>.dkr.ecr.<region>.amazonaws.com' });
    new TerraformOutput(this, 'docker_login_command', { value: dockerLoginCommand(platform), description: 'Logs Docker in to the registry' });
  }
}
