import type { PlatformConfig } from '../schema';
import { show, under, type Problem } from '../../domain/problem';
import { resolveRepositories } from '../model';
import { partition } from '../../domain/aws/arn';
import { checkPullThroughCacheSettings, type PushGrant } from '../../domain/pull-through-cache/rules';
import { resolveRepositoryTargets } from '../resolve/repository-targets';

/** Cross-field checks of the pull-through-cache section that a schema cannot express (AWS's rules, credentials, prefixes, push grants). */
export function checkPullThroughCache(config: PlatformConfig): Problem[] {
  const resolved = resolveRepositories(config);
  const repositories = resolved.map((repo) => ({ name: repo.name, path: `registry.repositories[${repo.index}]` }));
  return under(
    'pullThroughCache',
    checkPullThroughCacheSettings(config.pullThroughCache, {
      accountId: config.aws.accountId,
      region: config.aws.region,
      partition: partition(config.aws.region),
      repositories,
      pushGrants: pushGrants(config),
    }),
  );
}

/** Every push grant of the configuration, by the repository names it reaches (CI roles' pushTo as resolved, repository policies). */
export function pushGrants(config: PlatformConfig): PushGrant[] {
  const grants: PushGrant[] = [];
  config.access.github.ciRoles.forEach((role, i) =>
    role.pushTo.forEach((entry, j) => {
      // The names as IAM will see them: a key-based pattern resolves to the matching repositories' names.
      for (const arn of resolveRepositoryTargets(config, [entry]).arns) {
        grants.push({ repositories: arn.slice(arn.indexOf(':repository/') + ':repository/'.length), path: `access.github.ciRoles[${i}].pushTo[${j}]`, who: `CI role ${show(role.name)}` });
      }
    }),
  );
  for (const repo of resolveRepositories(config)) {
    if (!repo.pushPrincipals.length) continue;
    const path = repo.source.push ? `registry.repositories[${repo.index}].push.principals` : 'registry.defaults.push.principals';
    grants.push({ repositories: repo.name, path, who: repo.pushPrincipals.map((p) => show(p)).join(', ') });
  }
  return grants;
}
