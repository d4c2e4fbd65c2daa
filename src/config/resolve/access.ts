/** What the access section's roles resolve to, shared by the access checks and the resolved platform. */
import type { PlatformConfig } from '../schema';
import type { CiRoleConfig, DeployRoleConfig } from '../schema/access';
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

/** What the deploy role trusts: jobs of its repository that run in its (protected) environment, nothing else. */
export function deployRoleSubjectSpec(config: PlatformConfig, role: DeployRoleConfig): GithubSubjectSpec {
  const entry = config.access.github.repositories.find((e) => githubRepositoryKey(e) === githubRepositoryKey(role.repository)) ?? role.repository;
  return { repositories: [entry], environments: [role.environment] };
}
