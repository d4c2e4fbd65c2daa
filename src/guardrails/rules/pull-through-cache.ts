import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { blocks, type SynthesizedPlatform, type TfElement } from '../synthesized';

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

export const pullThroughCacheRules: Rule[] = [cacheCredential, cacheCredentialName, cacheCreationTemplate, creationTemplateSettings, secretValueInState];
