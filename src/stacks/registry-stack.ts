import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { resolveRepositories, stateKeys } from '../config/model';
import { Repository } from '../constructs/ecr/repository';
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

  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id, { config, stateKey: stateKeys.global('repos-ecr') });
    for (const repo of resolveRepositories(config)) {
      this.repositories[repo.name] = new Repository(this, repositoryConstructId(repo.name), {
        repositoryName: repo.name,
        tagMutability: repo.tagMutability,
        scanOnPush: repo.scanOnPush,
      });
    }
  }
}
