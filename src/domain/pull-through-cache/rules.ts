/**
 * AWS's rules for pull-through cache settings, checked at synth time instead of failing
 * at `terraform apply`. Pure: the config check prefixes the paths with `pullThroughCache`,
 * the construct reports the same problems to library users.
 */
import { show, under, type Problem } from '../problem';
import { checkLifecyclePolicy } from '../ecr/lifecycle-rules';
import { kmsKeyRegionProblem } from '../ecr/encryption-rules';
import { tagProblems, tagSetProblems, writtenTags } from '../aws/tags';
import { CREDENTIAL_SECRET_PREFIX, credentialSecretName, rulePrefix, UPSTREAMS, type CreationTemplate, type PullThroughCacheRule, type PullThroughCacheSettings } from './upstreams';

/** AWS's pattern for `ecrRepositoryPrefix` (2-30 characters; `ROOT` is for ECR-to-ECR rules only). */
export const CACHE_PREFIX_PATTERN = /^(?=.{2,30}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Azure's rule for registry names: 5-50 letters and digits. */
const AZURE_REGISTRY_NAME = /^[a-zA-Z0-9]{5,50}$/;

const SECRET_ARN = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;
const SECRET_NAME = /^[a-zA-Z0-9/_+=.@-]+$/;

export interface CacheCheckContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Repositories the platform manages, with the config path that names them: cache prefixes must stay clear of them. */
  readonly repositories?: readonly { readonly name: string; readonly path: string }[];
  /** Every push grant, by the repository name or name pattern (`team/*`) it reaches: no cache prefix may lie under one. */
  readonly pushGrants?: readonly PushGrant[];
}

/** A grant that lets someone push: a CI role's pushTo entry, a repository-policy push grant. */
export interface PushGrant {
  /** A final repository name, or a prefix pattern ending in `/*`. */
  readonly repositories: string;
  /** The config path that grants it. */
  readonly path: string;
  /** Who may push, for the message: `CI role "ci"`, `arn:aws:iam::222233334444:role/ci`. */
  readonly who: string;
}

/**
 * True when a push grant reaches repositories the cache creates (`<prefix>/<upstream path>`):
 * a pattern `team/*` covers prefix `team/hub` (and `team`); an exact name, when it lies under the prefix.
 */
export function pushGrantCoversPrefix(grant: string, prefix: string): boolean {
  if (grant.endsWith('/*')) return `${prefix}/`.startsWith(grant.slice(0, -1));
  return grant.startsWith(`${prefix}/`) || grant === prefix;
}

/** Every problem with a pull-through cache section; paths are relative to the section. */
export function checkPullThroughCacheSettings(section: PullThroughCacheSettings, context: CacheCheckContext): Problem[] {
  return [
    ...checkPrefixes(section, context),
    ...section.rules.flatMap((rule, index) => [...checkUpstream(rule, index), ...checkCredential(rule, index, context)]),
    ...checkTemplate(section.template, 'template', context),
    ...section.rules.flatMap((rule, index) => (rule.template ? checkTemplate(rule.template, `rules[${index}].template`, context) : [])),
    ...checkTemplateTagSets(section),
    ...duplicates(section.nodeRoleNames, 'nodeRoleNames'),
    ...duplicates(section.accounts, 'accounts'),
    ...section.accounts.flatMap((account, index) =>
      account === context.accountId
        ? [{ path: `accounts[${index}]`, message: `is the platform's own account ${show(account)}: grant its node roles through nodeRoleNames instead` }]
        : [],
    ),
  ];
}

function checkPrefixes(section: PullThroughCacheSettings, context: CacheCheckContext): Problem[] {
  const problems: Problem[] = [];
  const seen: { prefix: string; index: number }[] = [];
  section.rules.forEach((rule, index) => {
    const prefix = rulePrefix(rule);
    // A prefix the user did not write defaults to the upstream name: point at the rule and say so.
    const path = rule.prefix === undefined ? `rules[${index}]` : `rules[${index}].prefix`;
    const written = rule.prefix === undefined ? `prefix (default: the upstream name ${show(prefix)})` : show(prefix);
    if (!CACHE_PREFIX_PATTERN.test(prefix)) {
      problems.push({
        path: `rules[${index}].prefix`,
        message: `must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got ${show(prefix)}`,
      });
      return;
    }
    const same = seen.find((s) => s.prefix === prefix);
    const nested = seen.find((s) => prefix.startsWith(`${s.prefix}/`) || s.prefix.startsWith(`${prefix}/`));
    if (same) {
      problems.push({ path, message: `${written} is already the prefix of rules[${same.index}]: give each rule its own prefix` });
    } else if (nested) {
      problems.push({
        path,
        message: `${written} nests with rules[${nested.index}]'s prefix ${show(nested.prefix)}: a cached repository would match both rules; use prefixes that do not nest`,
      });
    }
    const repository = context.repositories?.find((r) => r.name === prefix || r.name.startsWith(`${prefix}/`));
    if (repository) {
      problems.push({
        path,
        message: `${written} is where the platform's repository ${show(repository.name)} (${repository.path}) lives: cached images would mix with it; choose another prefix`,
      });
    }
    // The cache is a supply-chain boundary: nodes pull what it holds as if it came from upstream,
    // so nothing that CI (or another account) can push may ever land under a cache prefix.
    for (const grant of context.pushGrants ?? []) {
      if (!pushGrantCoversPrefix(grant.repositories, prefix)) continue;
      problems.push({
        path,
        message:
          `${written} lies under a push grant: ${grant.who} may push to ${show(grant.repositories)} (${grant.path}), so it could write images where nodes pull cached upstream images; ` +
          'choose a prefix that no push grant covers, or narrow the grant',
      });
    }
    seen.push({ prefix, index });
  });
  return problems;
}

function checkUpstream(rule: PullThroughCacheRule, index: number): Problem[] {
  const path = `rules[${index}].azureRegistryName`;
  if (rule.upstream !== 'azure') {
    return rule.azureRegistryName === undefined ? [] : [{ path, message: `only applies to upstream azure, and this rule's upstream is ${show(rule.upstream)}: remove it` }];
  }
  if (rule.azureRegistryName === undefined) return [{ path, message: 'is required for upstream azure: the <name> of <name>.azurecr.io' }];
  if (!AZURE_REGISTRY_NAME.test(rule.azureRegistryName)) {
    return [{ path, message: `must be an Azure registry name (5-50 letters and digits, the <name> of <name>.azurecr.io), got ${show(rule.azureRegistryName)}` }];
  }
  return [];
}

function checkCredential(rule: PullThroughCacheRule, index: number, context: CacheCheckContext): Problem[] {
  const upstream = UPSTREAMS[rule.upstream];
  const prefix = rulePrefix(rule);
  if (!upstream.requiresCredential) {
    return (['credentialArn', 'createCredential'] as const)
      .filter((key) => rule[key] !== undefined && rule[key] !== false)
      .map((key) => ({ path: `rules[${index}].${key}`, message: `does not apply: ${upstream.title} (${rule.upstream}) needs no credential and ECR takes none for it; remove it` }));
  }
  if (rule.credentialArn === undefined) {
    return rule.createCredential === false
      ? [
          {
            path: `rules[${index}]`,
            message:
              `${upstream.title} (${rule.upstream}) needs a credential: ECR refuses a pull-through cache rule for it without one. ` +
              `Set credentialArn to an existing secret named ${CREDENTIAL_SECRET_PREFIX}<name>, or remove createCredential: false so the stack creates the empty secret ${show(credentialSecretName(prefix))}`,
          },
        ]
      : [];
  }
  const problems: Problem[] = [];
  if (rule.createCredential === true) {
    problems.push({ path: `rules[${index}].createCredential`, message: 'conflicts with credentialArn: the rule uses that existing secret; remove one of them' });
  }
  return [...problems, ...under(`rules[${index}].credentialArn`, checkCredentialArn(rule.credentialArn, context))];
}

/** A credential ARN names a secret whose name starts with ecr-pullthroughcache/, in the registry's account and region. */
export function checkCredentialArn(arn: string, context: Pick<CacheCheckContext, 'accountId' | 'region' | 'partition'>): Problem[] {
  const match = SECRET_ARN.exec(arn);
  if (!match) {
    return [{ path: '', message: `must be a Secrets Manager secret ARN (arn:${context.partition}:secretsmanager:<region>:<account>:secret:${CREDENTIAL_SECRET_PREFIX}<name>), got ${show(arn)}` }];
  }
  const [, partition, region, account, name] = match;
  const problems: Problem[] = [];
  if (!name.startsWith(CREDENTIAL_SECRET_PREFIX) || name.length === CREDENTIAL_SECRET_PREFIX.length || !SECRET_NAME.test(name)) {
    problems.push({ path: '', message: `must name a secret called ${CREDENTIAL_SECRET_PREFIX}<name> (AWS accepts no other name for a pull-through cache credential), got secret name ${show(name)}` });
  }
  if (partition !== context.partition || region !== context.region || account !== context.accountId) {
    problems.push({
      path: '',
      message: `must be a secret in the registry's account ${context.accountId} and region ${context.region} (ECR reads it from there), got ${partition === context.partition ? '' : `partition ${partition}, `}account ${account} and region ${region}`,
    });
  }
  return problems;
}

function checkTemplate(template: CreationTemplate, path: string, context: CacheCheckContext): Problem[] {
  const problems: Problem[] = [];
  // The cached repositories live in the registry: their key must be in its region, as for every repository.
  if (template.encryption?.type === 'KMS' && template.encryption.kmsKeyArn) {
    const problem = kmsKeyRegionProblem(template.encryption.kmsKeyArn, context.region);
    if (problem) problems.push({ path: `${path}.encryption.kmsKeyArn`, message: problem });
  }
  if (template.lifecyclePolicy) problems.push(...under(`${path}.lifecyclePolicy`, checkLifecyclePolicy(template.lifecyclePolicy)));
  // ECR applies the template's tags to the repositories it creates: AWS's tag rules apply (src/domain/aws/tags.ts).
  for (const tag of writtenTags(template.resourceTags, `${path}.resourceTags`)) problems.push(...tagProblems(tag));
  return problems;
}

/** The tags each prefix's repositories get: the section's template, then the rule's own (per key), at most 50 and one spelling per key. */
function checkTemplateTagSets(section: PullThroughCacheSettings): Problem[] {
  const shared = writtenTags(section.template.resourceTags, 'template.resourceTags');
  const problems = tagSetProblems(shared, 'every repository the cache creates', 'template.resourceTags');
  section.rules.forEach((rule, index) => {
    if (!rule.template?.resourceTags) return;
    const path = `rules[${index}].template.resourceTags`;
    const merged = [...shared, ...writtenTags(rule.template.resourceTags, path)];
    problems.push(...tagSetProblems(merged, `the repositories cached under ${show(rulePrefix(rule))}`, path).filter((p) => p.path.startsWith(path)));
  });
  return problems;
}

function duplicates(values: readonly string[], path: string): Problem[] {
  return values.flatMap((value, index) => {
    const first = values.indexOf(value);
    return first === index ? [] : [{ path: `${path}[${index}]`, message: `lists ${show(value)} a second time (first at ${path}[${first}]); remove it` }];
  });
}
