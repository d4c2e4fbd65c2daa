/**
 * The upstream registries ECR's pull-through cache supports, and the configuration's
 * rules resolved against them. Pure data and functions: the construct, the config
 * checks and the image URL converter all read the same table.
 */
import type { Encryption } from '../ecr/encryption-rules';
import type { LifecyclePolicy } from '../ecr/lifecycle-rules';

/** The upstream registries ECR's pull-through cache supports (the configuration's `upstream` names them). */
export const UPSTREAM_NAMES = ['docker-hub', 'quay', 'github', 'k8s', 'ecr-public', 'gitlab', 'azure'] as const;
export type UpstreamName = (typeof UPSTREAM_NAMES)[number];

/** Settings of the repositories the cache creates on first pull (a repository creation template), each optional. */
export interface CreationTemplate {
  readonly lifecyclePolicy?: LifecyclePolicy;
  readonly encryption?: Encryption;
  readonly tagMutability?: 'MUTABLE' | 'IMMUTABLE';
  readonly resourceTags?: Readonly<Record<string, string>>;
}

/** One upstream registry served under one ECR prefix, as written. */
export interface PullThroughCacheRule {
  readonly upstream: UpstreamName;
  readonly prefix?: string;
  readonly azureRegistryName?: string;
  readonly credentialArn?: string;
  readonly createCredential?: boolean;
  readonly template?: CreationTemplate;
}

/** A pull-through cache as written: its rules, the shared template, who pulls through it. */
export interface PullThroughCacheSettings {
  readonly rules: readonly PullThroughCacheRule[];
  readonly template: CreationTemplate;
  readonly nodeRoleNames: readonly string[];
  readonly accounts: readonly string[];
}

export interface Upstream {
  readonly name: UpstreamName;
  /** What people call it in messages. */
  readonly title: string;
  /** `upstream_registry_url` as ECR wants it (Azure: from the registry name). */
  readonly url: (azureRegistryName?: string) => string;
  /** ECR refuses a rule for this upstream without a Secrets Manager credential. */
  readonly requiresCredential: boolean;
  /** Other host names image references use for the same registry (`docker.io` for Docker Hub). */
  readonly aliases: readonly string[];
}

export const UPSTREAMS: Record<UpstreamName, Upstream> = {
  'docker-hub': {
    name: 'docker-hub',
    title: 'Docker Hub',
    url: () => 'registry-1.docker.io',
    requiresCredential: true,
    aliases: ['docker.io', 'index.docker.io', 'registry.hub.docker.com'],
  },
  quay: { name: 'quay', title: 'Quay', url: () => 'quay.io', requiresCredential: false, aliases: [] },
  github: { name: 'github', title: 'GitHub Container Registry', url: () => 'ghcr.io', requiresCredential: true, aliases: [] },
  // k8s.gcr.io is frozen and redirects to registry.k8s.io, which serves the same images.
  k8s: { name: 'k8s', title: 'Kubernetes registry', url: () => 'registry.k8s.io', requiresCredential: false, aliases: ['k8s.gcr.io'] },
  'ecr-public': { name: 'ecr-public', title: 'Amazon ECR Public', url: () => 'public.ecr.aws', requiresCredential: false, aliases: [] },
  gitlab: { name: 'gitlab', title: 'GitLab Container Registry', url: () => 'registry.gitlab.com', requiresCredential: true, aliases: [] },
  azure: {
    name: 'azure',
    title: 'Azure Container Registry',
    url: (azureRegistryName) => `${(azureRegistryName ?? '<azureRegistryName>').toLowerCase()}.azurecr.io`,
    requiresCredential: true,
    aliases: [],
  },
};

/** AWS requires every pull-through cache secret's name to start with this. */
export const CREDENTIAL_SECRET_PREFIX = 'ecr-pullthroughcache/';

/** Where a rule's credential comes from. */
export type CredentialSource =
  | { readonly kind: 'none' }
  /** The stack creates the secret without a value; the operator sets it once. */
  | { readonly kind: 'created'; readonly secretName: string }
  | { readonly kind: 'existing'; readonly arn: string };

export interface ResolvedTemplate {
  readonly lifecyclePolicy: LifecyclePolicy;
  readonly encryption: Encryption;
  readonly tagMutability: 'MUTABLE' | 'IMMUTABLE';
  readonly resourceTags: Readonly<Record<string, string>>;
}

export interface ResolvedCacheRule {
  readonly upstream: Upstream;
  readonly prefix: string;
  /** `upstream_registry_url`. */
  readonly upstreamUrl: string;
  /** Host names an image reference may use for this upstream (the URL first). */
  readonly hosts: readonly string[];
  readonly credential: CredentialSource;
  readonly template: ResolvedTemplate;
  /** Index in pullThroughCache.rules. */
  readonly index: number;
}

export const DEFAULT_CACHE_LIFECYCLE: LifecyclePolicy = { preset: 'pull-through-cache' };

export function rulePrefix(rule: Pick<PullThroughCacheRule, 'prefix' | 'upstream'>): string {
  return rule.prefix ?? rule.upstream;
}

export function credentialSecretName(prefix: string): string {
  return `${CREDENTIAL_SECRET_PREFIX}${prefix}`;
}

export function credentialSource(rule: PullThroughCacheRule): CredentialSource {
  if (rule.credentialArn) return { kind: 'existing', arn: rule.credentialArn };
  if (!UPSTREAMS[rule.upstream].requiresCredential || rule.createCredential === false) return { kind: 'none' };
  return { kind: 'created', secretName: credentialSecretName(rulePrefix(rule)) };
}

/** The section's template with a rule's overrides on top (resource tags merge). */
export function resolveTemplate(section: CreationTemplate, rule: CreationTemplate | undefined): ResolvedTemplate {
  return {
    lifecyclePolicy: rule?.lifecyclePolicy ?? section.lifecyclePolicy ?? DEFAULT_CACHE_LIFECYCLE,
    encryption: rule?.encryption ?? section.encryption ?? { type: 'AES256' },
    tagMutability: rule?.tagMutability ?? section.tagMutability ?? 'MUTABLE',
    resourceTags: { ...(section.resourceTags ?? {}), ...(rule?.resourceTags ?? {}) },
  };
}

/** Every configured rule with its defaults applied. */
export function resolveCacheRules(section: Pick<PullThroughCacheSettings, 'rules' | 'template'>): ResolvedCacheRule[] {
  return section.rules.map((rule, index) => {
    const upstream = UPSTREAMS[rule.upstream];
    const upstreamUrl = upstream.url(rule.azureRegistryName);
    return {
      upstream,
      prefix: rulePrefix(rule),
      upstreamUrl,
      hosts: [upstreamUrl, ...upstream.aliases],
      credential: credentialSource(rule),
      template: resolveTemplate(section.template, rule.template),
      index,
    };
  });
}

/** ECR needs a custom role to apply KMS encryption or resource tags from a template. */
export function templateNeedsRole(template: ResolvedTemplate): boolean {
  return template.encryption.type === 'KMS' || Object.keys(template.resourceTags).length > 0;
}

/** The name of the role ECR assumes for the creation templates that need one (at most 32 + 14 + 15 characters). */
export function templateRoleName(project: string, region: string): string {
  return `${project}-ptc-template-${region}`;
}
