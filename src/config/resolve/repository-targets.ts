/**
 * Turns the repository references of the access section (`pushTo`, an image updater's or a
 * pull principal's `repositories`) into ECR repository ARNs. The ARNs follow from the
 * configuration (account, region, naming scheme), never from another stack's state.
 */
import type { PlatformConfig } from '../schema';
import { repositoryArnFor, resolveRepositories, type ResolvedRepository } from '../model';
import { show, type Problem } from '../../domain/problem';
import { hasWildcard } from '../../domain/github/subjects';
import { compactRepositoryNames } from '../../domain/ecr/repository-prefixes';
import { rulePrefix } from '../../domain/pull-through-cache/upstreams';

export interface RepositoryTargets {
  /** Sorted, without duplicates. */
  readonly arns: string[];
  /**
   * The same repositories with prefix ARNs (`repository/team-a/*`) wherever a prefix means
   * exactly them (src/domain/ecr/repository-prefixes.ts): what a policy uses once the exact
   * ARNs no longer fit in one. Sorted, without duplicates.
   */
  readonly compactArns: string[];
  /** Paths are relative to the list (`[2]`), or '' for the list as a whole. */
  readonly problems: Problem[];
}

/**
 * Each entry is a repository's configuration key or final name, or a prefix pattern
 * `<prefix>/*`. A pattern becomes the ARN `repository/<prefix>/*` when final names carry
 * the prefix (IAM matches it as a wildcard, scoped to the prefix); when only the
 * configuration keys do (a naming scheme renamed them), the matching repositories' ARNs.
 * `undefined` means every configured repository, each by its own ARN.
 */
export function resolveRepositoryTargets(
  config: PlatformConfig,
  entries: readonly string[] | undefined,
  /** Resolved already (to resolve them once), else resolved here. */
  repositories: readonly ResolvedRepository[] = resolveRepositories(config),
): RepositoryTargets {
  const compact = (patternArns: readonly string[], names: readonly string[]) => {
    const configured = repositories.map((r) => r.name);
    const cachePrefixes = config.pullThroughCache.rules.map(rulePrefix);
    return sorted([...patternArns, ...compactRepositoryNames(names, configured, cachePrefixes).map((name) => repositoryArnFor(config, name))]);
  };
  if (entries === undefined) {
    return repositories.length
      ? { arns: sorted(repositories.map((r) => r.arn)), compactArns: compact([], repositories.map((r) => r.name)), problems: [] }
      : { arns: [], compactArns: [], problems: [{ path: '', message: 'has no repositories to cover: registry.repositories is empty' }] };
  }
  const arns: string[] = [];
  const patternArns: string[] = [];
  const names: string[] = [];
  const problems: Problem[] = [];
  entries.forEach((entry, i) => {
    const path = `[${i}]`;
    if (entry.endsWith('/*') && !hasWildcard(entry.slice(0, -2)) && entry.length > 2) {
      const prefix = entry.slice(0, -1);
      const byName = repositories.filter((r) => r.name.startsWith(prefix));
      const byKey = repositories.filter((r) => r.key.startsWith(prefix));
      if (byName.length) {
        arns.push(repositoryArnFor(config, entry));
        patternArns.push(repositoryArnFor(config, entry));
      } else if (byKey.length) {
        arns.push(...byKey.map((r) => r.arn));
        names.push(...byKey.map((r) => r.name));
      }
      else problems.push({ path, message: `must match at least one repository of registry.repositories (${allowed(repositories)}), got ${show(entry)}` });
      return;
    }
    if (hasWildcard(entry)) {
      problems.push({
        path,
        message: `must be a repository name or a prefix pattern ending in /* such as faro-rag/* (a broader wildcard reaches every repository), got ${show(entry)}`,
      });
      return;
    }
    const repository = repositories.find((r) => r.key === entry || r.name === entry);
    if (repository) {
      arns.push(repository.arn);
      names.push(repository.name);
    } else problems.push({ path, message: `must be one of registry.repositories (${allowed(repositories)}) or a prefix pattern ending in /*, got ${show(entry)}` });
  });
  if (entries.length === 0) problems.push({ path: '', message: 'must name at least one repository, got []' });
  return { arns: sorted(arns), compactArns: compact(patternArns, names), problems };
}

function allowed(repositories: readonly ResolvedRepository[]): string {
  if (!repositories.length) return 'none are configured';
  return repositories.map((r) => (r.key === r.name ? r.key : `${r.key} (${r.name})`)).join(', ');
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
