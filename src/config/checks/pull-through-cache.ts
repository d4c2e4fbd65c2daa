import type { PlatformConfig } from '../schema';
import { under, type Problem } from '../../domain/problem';
import { resolveRepositories } from '../model';
import { partition } from '../../domain/aws/arn';
import { checkPullThroughCacheSettings } from '../../domain/pull-through-cache/rules';

/** Cross-field checks of the pull-through-cache section that a schema cannot express (AWS's rules, credentials, prefixes). */
export function checkPullThroughCache(config: PlatformConfig): Problem[] {
  const repositories = resolveRepositories(config).map((repo) => ({ name: repo.name, path: `registry.repositories[${repo.index}]` }));
  return under(
    'pullThroughCache',
    checkPullThroughCacheSettings(config.pullThroughCache, {
      accountId: config.aws.accountId,
      region: config.aws.region,
      partition: partition(config.aws.region),
      repositories,
    }),
  );
}
