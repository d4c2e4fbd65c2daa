import { allowsAction, type Statement } from '../policy';
import { ECR_PUSH_ONLY_ACTIONS } from '../../domain/ecr/iam-actions';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { blocks, isToken, type SynthesizedPlatform, type TfElement } from '../synthesized';

/** Upstreams ECR only caches with a credential in Secrets Manager (Docker Hub, GHCR, GitLab, Azure). */
export function upstreamNeedsCredential(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const host = url.replace(/^https?:\/\//, '').split('/')[0].toLowerCase();
  return host === 'registry-1.docker.io' || host === 'docker.io' || host === 'ghcr.io' || host === 'registry.gitlab.com' || host.endsWith('.azurecr.io');
}

const SECRET_PREFIX = 'ecr-pullthroughcache/';

/** The value of an attribute, following a whole-value reference to another resource's attribute once. */
function followed(platform: SynthesizedPlatform, element: TfElement, value: unknown): unknown {
  const ref = platform.resolve(element.stack, value);
  return ref ? ref.element.body[ref.attribute] : value;
}

export const cacheCredential: Rule = {
  id: 'PTC-001',
  level: 'error',
  rationale: 'Docker Hub, GitHub, GitLab and Azure upstreams refuse (or rate-limit) anonymous pulls: their cache rule needs a credential.',
  fix: 'Leave credentialArn unset so the stack creates the ecr-pullthroughcache/<prefix> secret, or set credentialArn to an existing one.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const rule of platform.ofType('aws_ecr_pull_through_cache_rule')) {
      if (upstreamNeedsCredential(rule.body.upstream_registry_url) && !rule.body.credential_arn) {
        yield violation(rule, `cache rule ${quote(rule.body.ecr_repository_prefix)} for ${rule.body.upstream_registry_url} has no credential_arn.`);
      }
    }
  },
};

export const cacheCredentialName: Rule = {
  id: 'PTC-002',
  level: 'error',
  rationale: 'ECR only reads pull-through cache credentials from secrets whose name starts with ecr-pullthroughcache/.',
  fix: 'Name the secret ecr-pullthroughcache/<prefix>.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const rule of platform.ofType('aws_ecr_pull_through_cache_rule')) {
      const arn = rule.body.credential_arn;
      if (!arn) continue;
      const ref = platform.resolve(rule.stack, arn);
      if (ref?.element.type === 'aws_secretsmanager_secret') {
        const name = ref.element.body.name ?? ref.element.body.name_prefix;
        if (typeof name === 'string' && !name.startsWith(SECRET_PREFIX)) {
          yield violation(rule, `cache rule ${quote(rule.body.ecr_repository_prefix)} uses secret ${quote(name)} (${ref.element.path}), whose name does not start with ${SECRET_PREFIX}.`);
        }
      } else if (typeof arn === 'string' && !arn.includes('${') && !arn.includes(`:secret:${SECRET_PREFIX}`)) {
        yield violation(rule, `cache rule ${quote(rule.body.ecr_repository_prefix)} uses credential ${quote(arn)}, whose name does not start with ${SECRET_PREFIX}.`);
      }
    }
  },
};

function pullThroughTemplates(platform: SynthesizedPlatform): TfElement[] {
  return platform.ofType('aws_ecr_repository_creation_template').filter((t) => (t.body.applied_for ?? []).includes('PULL_THROUGH_CACHE'));
}

export const cacheCreationTemplate: Rule = {
  id: 'PTC-003',
  level: 'error',
  rationale: 'Repositories the cache creates on first pull get their encryption, lifecycle and tags only from a creation template.',
  fix: 'Add an aws_ecr_repository_creation_template for the prefix (or ROOT) with applied_for PULL_THROUGH_CACHE (pullThroughCache.template).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const prefixes = new Set(pullThroughTemplates(platform).map((t) => followed(platform, t, t.body.prefix)));
    for (const rule of platform.ofType('aws_ecr_pull_through_cache_rule')) {
      const prefix = rule.body.ecr_repository_prefix;
      if (!prefixes.has(prefix) && !prefixes.has('ROOT')) {
        yield violation(rule, `cache prefix ${quote(prefix)} has no repository creation template for PULL_THROUGH_CACHE.`);
      }
    }
  },
};

export const creationTemplateSettings: Rule = {
  id: 'PTC-004',
  level: 'error',
  rationale: 'Cached repositories are repositories: they are encrypted and expire old images like every other one.',
  fix: 'Set encryption and lifecyclePolicy in pullThroughCache.template.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const template of platform.ofType('aws_ecr_repository_creation_template')) {
      const missing = [
        ...(blocks(template.body.encryption_configuration).some((e) => e.encryption_type) ? [] : ['encryption_configuration']),
        ...(template.body.lifecycle_policy ? [] : ['lifecycle_policy']),
      ];
      if (missing.length) yield violation(template, `creation template ${quote(template.body.prefix)} has no ${missing.join(' and no ')}.`);
    }
  },
};

export const secretValueInState: Rule = {
  id: 'SEC-001',
  level: 'error',
  rationale: 'A secret value set in Terraform is stored in plain text in the state file.',
  fix: 'Create only the secret (aws_secretsmanager_secret) and set its value out of band (aws secretsmanager put-secret-value), or use secret_string_wo.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const version of platform.ofType('aws_secretsmanager_secret_version')) {
      const set = ['secret_string', 'secret_binary'].filter((attribute) => version.body[attribute] !== undefined && version.body[attribute] !== null);
      if (set.length) yield violation(version, `secret version sets ${set.join(' and ')}, which Terraform keeps in state.`);
    }
  },
};

/** A statement that allows writing an image: any of the push-only actions (src/domain/ecr/iam-actions.ts). */
function allowsPush(statement: Statement): boolean {
  return statement.effect === 'Allow' && ECR_PUSH_ONLY_ACTIONS.some((action) => allowsAction(statement, action));
}

/** The repository part of an ECR ARN (`team/*`), `*` for any resource; undefined for other services' ARNs. */
function repositoryPattern(resource: string): string | undefined {
  if (resource === '*') return '*';
  const match = /^arn:[^:]*:ecr:[^:]*:[^:]*:repository\/(.+)$/.exec(resource);
  return match?.[1];
}

/**
 * True when an IAM pattern over repository names can match a repository the cache creates,
 * `<prefix>/<upstream path>`. A literal name must lie under the prefix; a pattern may, when its
 * literal start and the prefix agree up to the first wildcard (conservative: a later literal part is ignored).
 */
export function patternReachesPrefix(pattern: string, prefix: string): boolean {
  const under = `${prefix}/`;
  const wildcard = pattern.search(/[*?]/);
  if (wildcard < 0) return pattern.startsWith(under);
  const head = pattern.slice(0, wildcard);
  return under.startsWith(head) || head.startsWith(under);
}

function cachePrefixes(platform: SynthesizedPlatform): { rule: TfElement; prefix: string }[] {
  return platform
    .ofType('aws_ecr_pull_through_cache_rule')
    .flatMap((rule) => (typeof rule.body.ecr_repository_prefix === 'string' && !isToken(rule.body.ecr_repository_prefix) ? [{ rule, prefix: rule.body.ecr_repository_prefix }] : []));
}

export const pushIntoCache: Rule = {
  id: 'PTC-005',
  level: 'error',
  rationale: 'Nodes pull what the pull-through cache holds as if it came from upstream: a push grant that reaches a cache prefix lets CI (or another account) plant an image there.',
  fix: 'Narrow the push grant (a CI role\'s pushTo, a repository or registry policy, a creation template policy) so it names no repository under a cache prefix, or move the cache prefix.',
  *check({ platform, policies }: RuleContext): Iterable<Violation> {
    const caches = cachePrefixes(platform);
    if (!caches.length) return;
    const reached = (patterns: readonly string[]) => caches.filter(({ prefix }) => patterns.some((p) => patternReachesPrefix(p, prefix))).map(({ prefix }) => prefix);
    const say = (what: string, prefixes: readonly string[]) => `${what} allows push to the pull-through cache prefix ${prefixes.map((p) => quote(p)).join(', ')}.`;
    for (const use of policies) {
      if (!use.statements) continue;
      const pushing = use.statements.filter(allowsPush);
      if (!pushing.length) continue;
      const element = use.element;
      if (use.kind === 'identity' || element.type === 'aws_ecr_registry_policy') {
        // Identity and registry policies reach what their Resource element names.
        const prefixes = reached(pushing.flatMap((s) => (s.resources ?? []).flatMap((r) => repositoryPattern(r) ?? [])));
        if (prefixes.length) yield violation(element, say(`${use.attribute} of ${element.type}`, [...new Set(prefixes)]));
      } else if (element.type === 'aws_ecr_repository_policy') {
        const ref = platform.resolve(element.stack, element.body.repository);
        const name = ref ? ref.element.body[ref.attribute] : element.body.repository;
        const prefixes = typeof name === 'string' ? reached([name]) : [];
        if (prefixes.length) yield violation(element, say(`the repository policy of ${quote(name)}`, prefixes));
      } else if (element.type === 'aws_ecr_repository_creation_template' && (element.body.applied_for ?? []).includes('PULL_THROUGH_CACHE')) {
        // The template's policy becomes the policy of every repository the cache creates under its prefix.
        const ref = platform.resolve(element.stack, element.body.prefix);
        const prefix = ref ? ref.element.body[ref.attribute] : element.body.prefix;
        const prefixes = prefix === 'ROOT' ? caches.map((c) => c.prefix) : caches.filter((c) => c.prefix === prefix).map((c) => c.prefix);
        if (prefixes.length) yield violation(element, say(`the repository policy of creation template ${quote(prefix)}`, prefixes));
      }
    }
  },
};

export const pullThroughCacheRules: Rule[] = [cacheCredential, cacheCredentialName, cacheCreationTemplate, creationTemplateSettings, pushIntoCache, secretValueInState];
