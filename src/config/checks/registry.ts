import type { PlatformConfig } from '../schema';
import type { RepositorySettingsConfig } from '../schema/registry';
import { show, under, type Problem } from '../../domain/problem';
import { resolveRepositories } from '../model';
import { checkLifecyclePolicy } from '../../domain/ecr/lifecycle-rules';
import { repositoryNameProblems, tagMutabilityProblem } from '../../domain/ecr/repository-rules';
import { checkScanning } from '../../domain/ecr/scanning-rules';
import { checkReplication, REPLICATION_FILTER_PATTERN } from '../../domain/ecr/replication-rules';
import { kmsKeyRegionProblem } from '../../domain/ecr/encryption-rules';
import { partition } from '../../domain/aws/arn';

/**
 * Cross-field checks of the registry section that a schema cannot express: names as
 * AWS checks them (after the naming scheme), duplicates, tag mutability, lifecycle
 * policies against AWS's rules, KMS keys, scanning and replication limits.
 * Linear in the number of repositories: one resolution, one pass, one map.
 */
export function checkRegistry(config: PlatformConfig): Problem[] {
  const registry = config.registry;
  const problems: Problem[] = [];
  const usesEnvironment = registry.namingScheme.includes('{environment}');
  const environments = Object.keys(config.environments);

  problems.push(...checkSettings(registry.defaults, 'registry.defaults', undefined, config));

  const firstWithName = new Map<string, number>();
  for (const repo of resolveRepositories(config)) {
    const path = `registry.repositories[${repo.index}]`;
    const source = repo.source;

    if (usesEnvironment && !source.environment) {
      problems.push({ path: `${path}.environment`, message: `is required because namingScheme ${show(registry.namingScheme)} uses {environment}, got nothing` });
    } else if (!usesEnvironment && source.environment !== undefined) {
      problems.push({
        path: `${path}.environment`,
        message: `must be omitted: namingScheme ${show(registry.namingScheme)} has no {environment} (use "{project}-{name}-{environment}" or drop the field), got ${show(source.environment)}`,
      });
    } else if (source.environment !== undefined && !environments.includes(source.environment)) {
      problems.push({ path: `${path}.environment`, message: `must be one of the environments (${environments.join(', ')}), got ${show(source.environment)}` });
    }

    // A misspelt environment would be ignored: a repository meant for production would stay mutable.
    (source.environments ?? []).forEach((environment, i) => {
      if (!environments.includes(environment)) {
        problems.push({ path: `${path}.environments[${i}]`, message: `must be one of the environments (${environments.join(', ')}), got ${show(environment)}` });
      }
    });

    const nameSuffix = repo.name === source.name ? '' : ` (made by namingScheme ${show(registry.namingScheme)} from name ${show(source.name)})`;
    // Without {environment} the name is not meaningful yet: the environment problem says what to fix.
    if (!(usesEnvironment && !source.environment)) {
      for (const message of repositoryNameProblems(repo.name)) problems.push({ path: `${path}.name`, message: `${message}${nameSuffix}` });
    }
    const first = firstWithName.get(repo.name);
    if (first === undefined) firstWithName.set(repo.name, repo.index);
    else problems.push({ path: `${path}.name`, message: `must be unique, got ${show(repo.name)}, which registry.repositories[${first}] has too` });

    problems.push(...checkSettings(source, path, repo.name, config));
    if (repo.usedByProduction && source.forceDelete === true) {
      problems.push({
        path: `${path}.forceDelete`,
        message: `must be false for a repository production uses (environments ${repo.environments.map((e) => show(e)).join(', ')}): terraform destroy or a replacement would delete every image production runs, got true`,
      });
    }
  }

  problems.push(...checkForeignDefaultPushers(config));
  problems.push(...under('registry.scanning', checkScanning({ scanType: registry.scanning.type, rules: registry.scanning.rules })));
  problems.push(...checkReplicationSection(config));
  return problems;
}

/** Settings a repository or the defaults set themselves (inherited values are checked where they are written). */
function checkSettings(settings: RepositorySettingsConfig, path: string, repositoryName: string | undefined, config: PlatformConfig): Problem[] {
  const problems: Problem[] = [];
  if (settings.tagMutability !== undefined) {
    const problem = tagMutabilityProblem(settings.tagMutability);
    if (problem) problems.push({ path: `${path}.tagMutability`, message: problem });
  }
  if (settings.lifecyclePolicy) {
    problems.push(...under(`${path}.lifecyclePolicy`, checkLifecyclePolicy(settings.lifecyclePolicy, repositoryName)));
  }
  const encryption = settings.encryption;
  if (encryption?.type === 'KMS' && encryption.kmsKeyArn) {
    const problem = kmsKeyRegionProblem(encryption.kmsKeyArn, config.aws.region);
    if (problem) problems.push({ path: `${path}.encryption.kmsKeyArn`, message: problem });
  }
  // ECR refuses a repository policy naming a principal of another partition than the registry's.
  const expected = partition(config.aws.region);
  for (const [kind, principals] of [['pull', settings.pull?.principals], ['push', settings.push?.principals]] as const) {
    (principals ?? []).forEach((principal, i) => {
      const arnPartition = principal.startsWith('arn:') ? principal.split(':')[1] : expected;
      if (arnPartition !== expected) {
        problems.push({
          path: `${path}.${kind}.principals[${i}]`,
          message: `must be an ARN of partition ${expected} (the registry's region ${config.aws.region} is there), got ${show(principal)}`,
        });
      }
    });
  }
  return problems;
}

function checkReplicationSection(config: PlatformConfig): Problem[] {
  const replication = config.registry.replication;
  if (!replication) return [];
  const source = { accountId: config.aws.accountId, region: config.aws.region };
  const problems: Problem[] = [];
  replication.rules.forEach((rule, i) =>
    rule.destinations.forEach((destination, j) => {
      const account = destination.accountId ?? config.aws.accountId;
      if (!destination.assumeRoleArn) return;
      const path = `registry.replication.rules[${i}].destinations[${j}].assumeRoleArn`;
      if (account === config.aws.accountId) {
        problems.push({ path, message: `must be omitted for a destination in this account (only cross-account destinations need a policy stack), got ${show(destination.assumeRoleArn)}` });
      } else if (destination.assumeRoleArn.split(':')[4] !== account) {
        problems.push({ path, message: `must be a role in the destination account ${account}, got ${show(destination.assumeRoleArn)}` });
      }
    }),
  );
  const rules = replication.rules.map((rule) => ({
    prefixFilters: rule.prefixFilters,
    destinations: rule.destinations.map((d) => ({ region: d.region, registryId: d.accountId ?? config.aws.accountId })),
  }));
  problems.push(...under('registry.replication', checkReplication(rules, source)));
  (replication.allowReplicationFrom ?? []).forEach((source, i) => {
    const path = `registry.replication.allowReplicationFrom[${i}]`;
    if (typeof source === 'string') {
      // A bare account would get ecr:ReplicateImage on repository/*: it could overwrite any repository, production's too.
      problems.push({
        path,
        message: `must name the repository prefixes the account may replicate into, e.g. { accountId: ${show(source)}, prefixes: ["team-a/"] } (a bare account may create and replace images in every repository of this registry), got ${show(source)}`,
      });
      return;
    }
    if (source.accountId === config.aws.accountId) {
      problems.push({ path: `${path}.accountId`, message: `must be another account than this registry's (replication within the account needs no registry policy), got ${show(source.accountId)}` });
    }
    source.prefixes.forEach((prefix, k) => {
      if (prefix.length < 2 || prefix.length > 256 || !REPLICATION_FILTER_PATTERN.test(prefix)) {
        problems.push({ path: `${path}.prefixes[${k}]`, message: `must be a repository name prefix of 2 to 256 characters (${REPLICATION_FILTER_PATTERN.source}), got ${show(prefix)}` });
      }
    });
  });
  return problems;
}

/** The account of a principal: a 12-digit ID, or the account field of an ARN. */
function principalAccount(principal: string): string | undefined {
  return /^\d{12}$/.test(principal) ? principal : principal.split(':')[4];
}

/**
 * A push grant to another account in registry.defaults reaches every repository that sets no
 * `push` of its own, production repositories included: that account could push what production
 * runs. Production repositories opt in by name, with their own `push` (which replaces the default).
 */
function checkForeignDefaultPushers(config: PlatformConfig): Problem[] {
  const principals = config.registry.defaults.push?.principals ?? [];
  const reached = resolveRepositories(config).filter((repo) => repo.usedByProduction && repo.source.push === undefined);
  if (!reached.length) return [];
  return principals.flatMap((principal, i) => {
    const account = principalAccount(principal);
    if (account === undefined || account === config.aws.accountId) return [];
    const names = reached.map((repo) => show(repo.name)).join(', ');
    return [
      {
        path: `registry.defaults.push.principals[${i}]`,
        message:
          `must not reach the repositories production uses (${names}): account ${account} could push what production runs; ` +
          `grant it on a production repository by name instead (its own push.principals), got ${show(principal)}`,
      },
    ];
  });
}
