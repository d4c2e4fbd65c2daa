import { z } from 'zod';
import { accountId, iamRoleName, tags } from './common';
import { encryption, tagMutability } from './registry';
import { lifecyclePolicy } from './lifecycle';

/**
 * Upstream registries ECR can cache (src/constructs/pull-through-cache/upstreams.ts has their URLs).
 * docker-hub, github, gitlab and azure need a credential; quay, k8s and ecr-public do not.
 */
export const upstreamName = z.enum(['docker-hub', 'quay', 'github', 'k8s', 'ecr-public', 'gitlab', 'azure']);

/** Settings of the repositories the cache creates on first pull (an ECR repository creation template). */
export const creationTemplate = z
  .object({
    /** @default { preset: pull-through-cache }: untagged images expire after 1 day, the last 10 images are kept */
    lifecyclePolicy: lifecyclePolicy.optional(),
    /** @default { type: AES256 } */
    encryption: encryption.optional(),
    /** @default MUTABLE: cached tags such as `latest` move when upstream moves them */
    tagMutability: tagMutability.optional(),
    /** Tags of the created repositories. Any tag makes the stack create the role ECR needs to apply them. */
    resourceTags: tags.optional(),
  })
  .strict();

export const pullThroughCacheRule = z
  .object({
    upstream: upstreamName,
    /** ECR repository prefix for this upstream: images are pulled as <registry>/<prefix>/<upstream path>. 2-30 characters. @default the upstream name */
    prefix: z.string().optional(),
    /** Azure only, required there: the registry name in <name>.azurecr.io. */
    azureRegistryName: z.string().optional(),
    /**
     * An existing Secrets Manager secret for an upstream that needs a credential; its name must start with
     * `ecr-pullthroughcache/`, and it must be in the platform's account and region.
     * @default the stack creates an empty secret `ecr-pullthroughcache/<prefix>` (set its value once; see the README)
     */
    credentialArn: z.string().optional(),
    /** For an upstream that needs a credential: create the empty secret `ecr-pullthroughcache/<prefix>`. `false` requires credentialArn. @default true unless credentialArn is set */
    createCredential: z.boolean().optional(),
    /** Overrides of the section's `template` for this prefix's repositories (resource tags merge). */
    template: creationTemplate.optional(),
  })
  .strict();

export const pullThroughCache = z
  .object({
    rules: z.array(pullThroughCacheRule).default([]),
    /** Settings for the repositories the cache creates on first pull, for every rule. */
    template: creationTemplate.default({}),
    /** EKS node roles (in the platform account) that pull through the cache: they get AmazonEC2ContainerRegistryPullOnly and registry-policy grants. */
    nodeRoleNames: z.array(iamRoleName).default([]),
    /** Accounts (besides this one) whose principals may pull through the cache: registry-policy grants, and pull access on the cached repositories. */
    accounts: z.array(accountId).default([]),
  })
  .strict();

export type PullThroughCacheConfig = z.infer<typeof pullThroughCache>;
export type PullThroughCacheRuleConfig = z.infer<typeof pullThroughCacheRule>;
export type CreationTemplateConfig = z.infer<typeof creationTemplate>;
export type UpstreamName = z.infer<typeof upstreamName>;
