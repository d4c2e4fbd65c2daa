import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { resolveRepositories, stateKeys } from '../config/model';
import { Repository } from '../constructs/ecr/repository';
import { RegistryPolicy } from '../constructs/ecr/registry-policy';
import { PullThroughCache } from '../constructs/pull-through-cache/pull-through-cache';
import type { PolicyStatement } from '../iam/policy-document';
import { PlatformStack } from './platform-stack';

/** Logical ID of a repository's construct: derived from its name, so reordering the list never replaces a repository. */
export function repositoryConstructId(name: string): string {
  return `repo-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/**
 * The account-wide registry: repositories with their lifecycle and access policies,
 * registry scanning, replication, pull-through cache and the registry policy.
 * State key: global/repos-ecr/terraform.tfstate.
 */
export class RegistryStack extends PlatformStack {
  readonly repositories: Record<string, Repository> = {};
  readonly pullThroughCache: PullThroughCache;
  readonly registryPolicy?: RegistryPolicy;

  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id, { config, stateKey: stateKeys.global('repos-ecr') });

    // --- repositories (issue #3)
    for (const repo of resolveRepositories(config)) {
      this.repositories[repo.name] = new Repository(this, repositoryConstructId(repo.name), {
        repositoryName: repo.name,
        tagMutability: repo.tagMutability,
        scanOnPush: repo.scanOnPush,
      });
    }

    // --- registry-wide settings (issue #3): scanning, replication
    const registryStatements: PolicyStatement[] = [];

    // --- pull-through cache (issue #4)
    this.pullThroughCache = new PullThroughCache(this, 'pull-through-cache', { config });
    registryStatements.push(...this.pullThroughCache.registryPolicyStatements);

    // --- the one registry policy, from every part's statements
    if (registryStatements.length) {
      this.registryPolicy = new RegistryPolicy(this, 'registry-policy', { statements: registryStatements });
    }
  }
}
