/** What the access section's roles resolve to, shared by the access checks and the resolved platform. */
import type { PlatformConfig } from '../schema';
import type { CiRoleConfig } from '../schema/access';
import type { GithubSubjectSpec } from '../../domain/github/subjects';

/** What a CI role trusts, with `repositories` defaulted to the one list in access.github.repositories. */
export function ciRoleSubjectSpec(config: PlatformConfig, role: CiRoleConfig): GithubSubjectSpec {
  return {
    repositories: role.repositories ?? config.access.github.repositories,
    branches: role.branches,
    tags: role.tags,
    environments: role.environments,
    pullRequests: role.pullRequests,
    allowWholeOrganization: role.allowWholeOrganization,
  };
}
