/** What the access section's roles resolve to, shared by the access checks and the resolved platform. */
import type { PlatformConfig } from '../schema';
import type { CiRoleConfig } from '../schema/access';
import { githubRepositoryKey, type GithubSubjectSpec } from '../../domain/github/subjects';

/** What a CI role trusts, with `repositories` defaulted to the one list in access.github.repositories. */
export function ciRoleSubjectSpec(config: PlatformConfig, role: CiRoleConfig): GithubSubjectSpec {
  const list = config.access.github.repositories;
  // A role names repositories by name, in any case; the one list's entry (with its IDs, when given) is what it trusts.
  const entryFor = (repository: string) => list.find((entry) => githubRepositoryKey(entry) === githubRepositoryKey(repository)) ?? repository;
  return {
    repositories: role.repositories?.map(entryFor) ?? list,
    branches: role.branches,
    tags: role.tags,
    environments: role.environments,
    pullRequests: role.pullRequests,
    allowWholeOrganization: role.allowWholeOrganization,
  };
}
