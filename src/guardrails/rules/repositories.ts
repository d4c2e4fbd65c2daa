import { containers, ecrHost, parseImage } from '../kubernetes-containers';
import { effectiveScanFrequency, type ScanningRule } from '../../domain/ecr/scanning-rules';
import { allowsAction } from '../policy';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { block, blocks, isToken, type SynthesizedPlatform, type TfElement } from '../synthesized';
import { rulesWithSeveralTags, type LifecycleRuleJson } from '../../domain/ecr/lifecycle-rules';

export function repositoryName(repo: TfElement): string {
  return typeof repo.body.name === 'string' ? repo.body.name : repo.name;
}

/** A registry is an account and a region: one scanning configuration each. */
function registryKey(platform: SynthesizedPlatform, element: TfElement): string {
  const facts = platform.stack(element.stack);
  return `${[...(facts?.accountIds ?? [])].sort().join(',')}|${facts?.region ?? ''}`;
}

function scanningConfigurations(platform: SynthesizedPlatform): Map<string, TfElement> {
  return platform.memo('scanningConfigurations', () => new Map(platform.ofType('aws_ecr_registry_scanning_configuration').map((c) => [registryKey(platform, c), c])));
}

function scanningRulesOf(configuration: TfElement): ScanningRule[] {
  return blocks(configuration.body.rule).map((r) => ({ frequency: String(r.scan_frequency), filters: blocks(r.repository_filter).map((f) => String(f.filter)) }));
}

/** Why a repository is not scanned on push or continuously; undefined when it is. */
function notScanned(platform: SynthesizedPlatform, repo: TfElement, name: string): string | undefined {
  const configuration = scanningConfigurations(platform).get(registryKey(platform, repo));
  if (!configuration) {
    return 'no registry scanning configuration (aws_ecr_registry_scanning_configuration) covers its registry; its own scan_on_push is legacy and does not count';
  }
  const scanType = String(configuration.body.scan_type ?? 'BASIC');
  const rules = scanningRulesOf(configuration);
  if (!rules.length) return `the registry scanning configuration (${configuration.path}) has no rules, so ECR sets every repository to ${scanType === 'ENHANCED' ? 'no scanning' : 'MANUAL'}`;
  // A name computed at apply time cannot be matched; only a filter that matches everything covers it for sure.
  const frequency = isToken(name) ? effectiveScanFrequency(scanType, rules.map((r) => ({ ...r, filters: r.filters.filter((f) => f === '*') })), '') : effectiveScanFrequency(scanType, rules, name);
  if (frequency === 'SCAN_ON_PUSH' || frequency === 'CONTINUOUS_SCAN') return undefined;
  return scanType === 'ENHANCED'
    ? `no SCAN_ON_PUSH or CONTINUOUS_SCAN rule of the ENHANCED registry scanning configuration (${configuration.path}) matches it, so ECR does not scan it at all`
    : `no SCAN_ON_PUSH rule of the registry scanning configuration (${configuration.path}) matches it, so ECR sets it to MANUAL`;
}

export const repositoryScanning: Rule = {
  id: 'ECR-001',
  level: 'error',
  rationale: 'Every image is scanned for known vulnerabilities when it is pushed (or continuously); ECR decides that from the registry scanning configuration alone.',
  fix: 'Add a registry.scanning rule with frequency SCAN_ON_PUSH (or CONTINUOUS_SCAN with type ENHANCED) whose filter matches the repository, e.g. filters: ["*"] (the default).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const repo of platform.ofType('aws_ecr_repository')) {
      const name = repositoryName(repo);
      const why = notScanned(platform, repo, name);
      if (why) yield violation(repo, `repository ${quote(name)} is not scanned on push or continuously: ${why}.`);
    }
  },
};

const ENCRYPTION_TYPES = new Set(['AES256', 'KMS', 'KMS_DSSE']);

export const repositoryEncryption: Rule = {
  id: 'ECR-002',
  level: 'error',
  rationale: 'Encryption at rest is declared, not left to an implicit default, so a review sees which key protects the images.',
  fix: 'Set encryption: { type: AES256 } or { type: KMS } on the repository (or in registry.defaults).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const repo of platform.ofType('aws_ecr_repository')) {
      const type = block(repo.body.encryption_configuration).encryption_type;
      if (!ENCRYPTION_TYPES.has(type)) {
        yield violation(repo, `repository ${quote(repositoryName(repo))} has ${type === undefined ? 'no encryption_configuration' : `encryption_type ${quote(type)}`}; expected AES256, KMS or KMS_DSSE.`);
      }
    }
  },
};

export const repositoryLifecycle: Rule = {
  id: 'ECR-003',
  level: 'error',
  rationale: 'Without a lifecycle policy a repository keeps every image forever: storage grows and old vulnerable images stay pullable.',
  fix: 'Give the repository a lifecyclePolicy (a preset such as application or platform, or rules).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const covered = new Set<TfElement>();
    const coveredNames = new Set<string>();
    const empty = new Map<TfElement | string, TfElement>();
    for (const policy of platform.ofType('aws_ecr_lifecycle_policy')) {
      const target = platform.resolve(policy.stack, policy.body.repository)?.element;
      const hasRules = lifecycleRuleCount(policy.body.policy) !== 0;
      const key = target ?? (typeof policy.body.repository === 'string' ? policy.body.repository : undefined);
      if (key === undefined) continue;
      if (!hasRules) empty.set(key, policy);
      else if (typeof key === 'string') coveredNames.add(key);
      else covered.add(key);
    }
    for (const repo of platform.ofType('aws_ecr_repository')) {
      const name = repositoryName(repo);
      if (covered.has(repo) || coveredNames.has(name)) continue;
      const emptyPolicy = empty.get(repo) ?? empty.get(name);
      yield violation(repo, emptyPolicy ? `repository ${quote(name)} has a lifecycle policy without rules (${emptyPolicy.path}).` : `repository ${quote(name)} has no lifecycle policy (aws_ecr_lifecycle_policy).`);
    }
  },
};

/** Rules in a lifecycle policy document; undefined when it is computed at apply time. */
function lifecycleRuleCount(policy: unknown): number | undefined {
  if (typeof policy !== 'string' || !policy.trimStart().startsWith('{')) return undefined;
  try {
    const rules = JSON.parse(policy).rules;
    return Array.isArray(rules) ? rules.length : 0;
  } catch {
    return undefined;
  }
}

/**
 * Repositories production pulls from, found the way a cluster finds them: the images of
 * the containers in production stacks (a stack whose Environment default tag is a
 * production environment), resolved to repositories by registry host and name.
 */
export function repositoriesUsedByProduction(platform: SynthesizedPlatform): Map<TfElement, string[]> {
  return platform.memo('repositoriesUsedByProduction', () => findRepositoriesUsedByProduction(platform));
}

function findRepositoriesUsedByProduction(platform: SynthesizedPlatform): Map<TfElement, string[]> {
  const used = new Map<string, Set<string>>();
  for (const container of containers(platform)) {
    if (!container.image || isToken(container.image) || !platform.isProductionStack(container.element.stack)) continue;
    const image = parseImage(container.image);
    const host = ecrHost(image.host);
    if (!host) continue;
    const key = `${host.accountId}|${host.region}|${image.repository}`;
    const users = used.get(key) ?? new Set<string>();
    users.add(container.element.path);
    used.set(key, users);
  }
  const result = new Map<TfElement, string[]>();
  if (!used.size) return result;
  for (const repo of platform.ofType('aws_ecr_repository')) {
    const facts = platform.stack(repo.stack);
    const name = repositoryName(repo);
    for (const accountId of facts?.accountIds ?? []) {
      const users = used.get(`${accountId}|${facts?.region}|${name}`);
      if (users) result.set(repo, [...users].sort());
    }
  }
  return result;
}

export const productionImmutableTags: Rule = {
  id: 'ECR-004',
  level: 'error',
  rationale: 'A tag that production runs must always mean the same image: with mutable tags a push silently changes what a restart deploys.',
  fix: 'Set tagMutability: IMMUTABLE on the repository (the default for repositories a production environment uses), and deploy new versions under new tags.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const [repo, users] of repositoriesUsedByProduction(platform)) {
      const mutability = repo.body.image_tag_mutability ?? 'MUTABLE';
      if (mutability === 'IMMUTABLE') continue;
      yield violation(repo, `repository ${quote(repositoryName(repo))} is used by production (${users.join(', ')}) but its tags are ${mutability}.`);
    }
  },
};

export const productionForceDelete: Rule = {
  id: 'ECR-005',
  level: 'error',
  rationale: 'force_delete lets terraform destroy (or a replacement) delete a repository with its images: for a repository production runs, every running image disappears with it.',
  fix: 'Set forceDelete: false on the repository (the default for repositories a production environment uses); empty a repository by hand before deleting it on purpose.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const [repo, users] of repositoriesUsedByProduction(platform)) {
      if (repo.body.force_delete === true || repo.body.force_delete === 'true') {
        yield violation(repo, `repository ${quote(repositoryName(repo))} is used by production (${users.join(', ')}) but has force_delete = true.`);
      }
    }
  },
};

/** The rules of a lifecycle policy document; [] when it is computed at apply time or not JSON. */
function lifecycleRules(policy: unknown): LifecycleRuleJson[] {
  if (typeof policy !== 'string' || !policy.trimStart().startsWith('{')) return [];
  try {
    const rules = JSON.parse(policy).rules;
    return Array.isArray(rules) ? rules.filter((rule) => typeof rule?.selection === 'object' && rule.selection !== null) : [];
  } catch {
    return [];
  }
}

export const lifecycleTagListsAreAnd: Rule = {
  id: 'ECR-006',
  level: 'warning',
  rationale:
    'AWS ANDs the entries of a tagPrefixList or tagPatternList: a rule with several selects only images that have a tag for every entry, so "keep the last N of v, prod" keeps nothing and a later rule may expire those images.',
  fix: 'Write one rule per prefix or pattern (the newest N of each), or suppress the finding with the reason when images really carry a tag for every entry.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const documents = [
      ...platform.ofType('aws_ecr_lifecycle_policy').map((element) => ({ element, policy: element.body.policy })),
      ...platform.ofType('aws_ecr_repository_creation_template').map((element) => ({ element, policy: element.body.lifecycle_policy })),
    ];
    for (const { element, policy } of documents) {
      for (const { rule, field, tags } of rulesWithSeveralTags(lifecycleRules(policy))) {
        yield violation(
          element,
          `lifecycle rule with priority ${quote(rule.rulePriority)} has ${field} ${quote(tags)}: it selects only images that have a tag matching each of them (AND, not OR).`,
          `Split it into ${tags.length} rules, one per ${field === 'tagPrefixList' ? 'prefix' : 'pattern'} (${tags.map((tag) => quote([tag])).join(', ')}), or suppress ECR-006 with the reason.`,
        );
      }
    }
  },
};

export const replicationPerPrefix: Rule = {
  id: 'ECR-007',
  level: 'error',
  rationale: 'An account outside the platform granted ecr:ReplicateImage on repository/* can create and overwrite images in every repository of the registry, production\'s included.',
  fix: 'Grant each source account its own prefixes: registry.replication.allowReplicationFrom: [{ accountId, prefixes: [team-a/] }].',
  *check({ platform, policies }: RuleContext): Iterable<Violation> {
    const ownAccounts = new Set(platform.stacks.flatMap((s) => s.accountIds));
    for (const use of policies) {
      if (use.element.type !== 'aws_ecr_registry_policy' || !use.statements) continue;
      for (const statement of use.statements) {
        if (statement.effect !== 'Allow' || !allowsAction(statement, 'ecr:ReplicateImage')) continue;
        const everything = (statement.resources ?? ['*']).filter((r) => r === '*' || /:repository\/\*$/.test(r));
        if (!everything.length) continue;
        const principals = statement.principals === '*' ? ['*'] : (statement.principals?.AWS ?? []);
        const foreign = principals.filter((p) => {
          const account = /^\d{12}$/.test(p) ? p : p.split(':')[4];
          return p === '*' || !account || !ownAccounts.has(account);
        });
        if (foreign.length) {
          yield violation(use.element, `registry policy statement ${statement.sid ? quote(statement.sid) : ''} lets ${foreign.map((p) => quote(p)).join(', ')} replicate into every repository (${everything.map((r) => quote(r)).join(', ')}).`.replace('statement  lets', 'statement lets'));
        }
      }
    }
  },
};

export const repositoryRules: Rule[] = [repositoryScanning, repositoryEncryption, repositoryLifecycle, productionImmutableTags, productionForceDelete, lifecycleTagListsAreAnd, replicationPerPrefix];
