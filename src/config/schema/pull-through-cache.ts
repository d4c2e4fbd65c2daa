import { z } from 'zod';
import { accountId, iamRoleName } from './common';
import { encryption, tagMutability } from './registry';
import { lifecyclePolicy } from './lifecycle';

/** Upstream registries ECR can cache. Those marked in src/constructs/pull-through-cache need a credential. */
export const upstreamName = z.enum(['docker-hub', 'quay', 'github', 'k8s', 'ecr-public', 'gitlab', 'azure']);

export const pullThroughCacheRule = z
  .object({
    upstream: upstreamName,
    /** ECR repository prefix for this upstream. @default the upstream name */
    prefix: z.string().optional(),
    /** Azure only: the registry name in <name>.azurecr.io. */
    azureRegistryName: z.string().optional(),
    /** An existing Secrets Manager secret (its name must start with ecr-pullthroughcache/). When omitted for an upstream that needs one, the stack creates an empty secret. */
    credentialArn: z.string().optional(),
  })
  .strict();

export const creationTemplate = z
  .object({
    /** @default keep the cache's images fresh: preset pull-through-cache */
    lifecyclePolicy: lifecyclePolicy.optional(),
    /** @default { type: AES256 } */
    encryption: encryption.optional(),
    /** @default MUTABLE: cached tags such as `latest` move upstream */
    tagMutability: tagMutability.optional(),
    resourceTags: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export const pullThroughCache = z
  .object({
    rules: z.array(pullThroughCacheRule).default([]),
    /** Settings for the repositories the cache creates on first pull. */
    template: creationTemplate.default({}),
    /** EKS node roles that pull through the cache: they get AmazonEC2ContainerRegistryPullOnly and registry-policy grants. */
    nodeRoleNames: z.array(iamRoleName).default([]),
    /** Accounts (besides this one) whose principals may create cache repositories by pulling. */
    accounts: z.array(accountId).default([]),
  })
  .strict();

export type PullThroughCacheConfig = z.infer<typeof pullThroughCache>;
export type PullThroughCacheRuleConfig = z.infer<typeof pullThroughCacheRule>;
