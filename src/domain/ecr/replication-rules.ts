import { accountRootArn, partition } from '../aws/arn';
import { show, type Problem } from '../problem';
import type { PolicyStatement } from '../iam/policy-document';

/** AWS's limits of a replication configuration. */
export const MAX_REPLICATION_RULES = 10;
export const MAX_FILTERS_PER_RULE = 100;
export const MAX_DESTINATIONS_PER_RULE = 100;
/** RepositoryFilter's pattern (PREFIX_MATCH), 2-256 characters. */
export const REPLICATION_FILTER_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$/;
/** What a source registry needs in a destination's registry policy. */
export const REPLICATION_ACTIONS = ['ecr:CreateRepository', 'ecr:ReplicateImage'];

export interface ReplicationDestination {
  readonly region: string;
  /** The destination account (its registry ID). */
  readonly registryId: string;
}

export interface ReplicationRule {
  readonly destinations: readonly ReplicationDestination[];
  /** Repository name prefixes. @default every repository */
  readonly prefixFilters?: readonly string[];
}

export interface MergedReplicationRule {
  readonly destinations: ReplicationDestination[];
  /** Sorted; empty means every repository. */
  readonly prefixFilters: string[];
  /** Indexes of the rules merged into this one. */
  readonly sources: number[];
}

/**
 * A registry has one replication configuration, so every rule ends up in one resource.
 * Rules with the same prefix filters become one rule with all their destinations
 * (duplicates dropped), which keeps a configuration within AWS's 10 rules.
 */
export function mergeReplicationRules(rules: readonly ReplicationRule[]): MergedReplicationRule[] {
  const merged = new Map<string, { destinations: Map<string, ReplicationDestination>; prefixFilters: string[]; sources: number[] }>();
  rules.forEach((rule, index) => {
    const prefixFilters = [...new Set(rule.prefixFilters ?? [])].sort();
    const key = prefixFilters.join('\n');
    const entry = merged.get(key) ?? { destinations: new Map<string, ReplicationDestination>(), prefixFilters, sources: [] as number[] };
    for (const destination of rule.destinations) {
      const id = `${destination.registryId}/${destination.region}`;
      if (!entry.destinations.has(id)) entry.destinations.set(id, { region: destination.region, registryId: destination.registryId });
    }
    entry.sources.push(index);
    merged.set(key, entry);
  });
  // Rules and destinations are sets to AWS: sorted (by filters, by account and region), so the configuration's order never shows in the output.
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => ({
      destinations: [...entry.destinations.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, destination]) => destination),
      prefixFilters: entry.prefixFilters,
      sources: entry.sources,
    }));
}

/** AWS's rules for replication, after merging; paths relative to the rule list's owner (`rules[1].prefixFilters[0]`). */
export function checkReplication(rules: readonly ReplicationRule[], source: { accountId: string; region: string }): Problem[] {
  const problems: Problem[] = [];
  rules.forEach((rule, i) => {
    if (!rule.destinations.length) problems.push({ path: `rules[${i}].destinations`, message: 'must list at least one destination, got []' });
    rule.destinations.forEach((destination, j) => {
      if (destination.registryId === source.accountId && destination.region === source.region) {
        problems.push({
          path: `rules[${i}].destinations[${j}]`,
          message: `must be another region or account than this registry (account ${source.accountId}, region ${source.region}): a registry cannot replicate into itself, got region ${destination.region} of account ${destination.registryId}`,
        });
      }
    });
    (rule.prefixFilters ?? []).forEach((filter, k) => {
      if (filter.length < 2 || filter.length > 256 || !REPLICATION_FILTER_PATTERN.test(filter)) {
        problems.push({
          path: `rules[${i}].prefixFilters[${k}]`,
          message: `must be a repository name prefix of 2 to 256 characters (${REPLICATION_FILTER_PATTERN.source}), got ${show(filter)}`,
        });
      }
    });
  });

  const merged = mergeReplicationRules(rules);
  if (merged.length > MAX_REPLICATION_RULES) {
    problems.push({
      path: 'rules',
      message: `must come to at most ${MAX_REPLICATION_RULES} rules (AWS's limit; rules with the same prefixFilters merge into one), got ${merged.length}`,
    });
  }
  for (const rule of merged) {
    const first = rule.sources[0];
    const merges = rule.sources.length > 1 ? ` (rules ${rule.sources.map((s) => `[${s}]`).join(', ')} merged)` : '';
    if (rule.prefixFilters.length > MAX_FILTERS_PER_RULE) {
      problems.push({ path: `rules[${first}].prefixFilters`, message: `must have at most ${MAX_FILTERS_PER_RULE} filters per rule (AWS's limit), got ${rule.prefixFilters.length}` });
    }
    if (rule.destinations.length > MAX_DESTINATIONS_PER_RULE) {
      problems.push({
        path: `rules[${first}].destinations`,
        message: `must have at most ${MAX_DESTINATIONS_PER_RULE} destinations per rule (AWS's limit), got ${rule.destinations.length}${merges}`,
      });
    }
  }
  return problems;
}

/** The ARNs a replication grant covers in a registry: the prefixes' repositories, or all when any rule has no filter. */
export function replicatedRepositoryArns(registry: { accountId: string; region: string }, prefixFilterSets: readonly (readonly string[])[]): string[] {
  const base = `arn:${partition(registry.region)}:ecr:${registry.region}:${registry.accountId}:repository/`;
  if (!prefixFilterSets.length || prefixFilterSets.some((filters) => !filters.length)) return [`${base}*`];
  return [...new Set(prefixFilterSets.flat())].sort().map((prefix) => `${base}${prefix}*`);
}

/**
 * The registry-policy statement that lets source accounts replicate into a registry
 * (AWS's documented grant: ecr:CreateRepository and ecr:ReplicateImage to the source account's root).
 */
export function replicationIntoRegistryStatement(props: {
  readonly sid: string;
  readonly sourceAccountIds: readonly string[];
  /** The registry receiving the images. */
  readonly registry: { accountId: string; region: string };
  /** Per rule, its prefix filters (empty: every repository). @default every repository */
  readonly prefixFilterSets?: readonly (readonly string[])[];
}): PolicyStatement {
  return {
    Sid: props.sid,
    Effect: 'Allow',
    Principal: { AWS: props.sourceAccountIds.map((account) => accountRootArn(account, props.registry.region)) },
    Action: REPLICATION_ACTIONS,
    Resource: replicatedRepositoryArns(props.registry, props.prefixFilterSets ?? []),
  };
}
