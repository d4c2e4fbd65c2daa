import { z } from 'zod';
import { accountId, iamRoleName, tags } from './common';
import { encryption, tagMutability } from './registry';
import { lifecyclePolicy } from './lifecycle';
import { UPSTREAM_NAMES } from '../../domain/pull-through-cache/upstreams';

// src/domain/pull-through-cache/upstreams.ts has their URLs and which need a credential.
export const upstreamName = z
  .enum(UPSTREAM_NAMES)
  .describe(
    'The upstream registry: docker-hub (registry-1.docker.io), quay (quay.io), github (ghcr.io), k8s (registry.k8s.io), ' +
      'ecr-public (public.ecr.aws), gitlab (registry.gitlab.com), azure (<azureRegistryName>.azurecr.io). ' +
      'docker-hub, github, gitlab and azure need a credential; quay, k8s and ecr-public do not.',
  );

export const creationTemplate = z
  .object({
    lifecyclePolicy: lifecyclePolicy
      .optional()
      .describe('Lifecycle policy of the created repositories. Default: { preset: pull-through-cache }: untagged images expire after 1 day, the last 10 images are kept'),
    encryption: encryption.optional().describe('Encryption of the created repositories; KMS without kmsKeyArn uses ECR\'s AWS managed key. Default: { type: AES256 }'),
    tagMutability: tagMutability.optional().describe('Tag mutability of the created repositories. Default: MUTABLE: cached tags such as `latest` move when upstream moves them'),
    resourceTags: tags.optional().describe('Tags of the created repositories. Any tag makes the stack create the role ECR needs to apply them.'),
  })
  .strict()
  .describe('Settings of the repositories the cache creates on first pull (an ECR repository creation template).');

export const pullThroughCacheRule = z
  .object({
    upstream: upstreamName,
    prefix: z
      .string()
      .optional()
      .describe('ECR repository prefix for this upstream: images are pulled as <registry>/<prefix>/<upstream path>. 2-30 characters, unique, not nested. Default: the upstream name'),
    azureRegistryName: z.string().optional().describe('Azure only, required there: the registry name in <name>.azurecr.io.'),
    credentialArn: z
      .string()
      .optional()
      .describe(
        'An existing Secrets Manager secret (ARN) for an upstream that needs a credential; its name must start with ' +
          '`ecr-pullthroughcache/`, and it must be in the platform\'s account and region. ' +
          'Default: the stack creates an empty secret `ecr-pullthroughcache/<prefix>` (set its value once; see the README)',
      ),
    createCredential: z
      .boolean()
      .optional()
      .describe(
        'For an upstream that needs a credential: create the empty secret `ecr-pullthroughcache/<prefix>`. `false` requires credentialArn. ' +
          'Default: true unless credentialArn is set',
      ),
    template: creationTemplate.optional().describe('Overrides of the section\'s `template` for this prefix\'s repositories (resource tags merge).'),
  })
  .strict()
  .describe('A pull-through cache rule: one upstream registry served under one ECR prefix.');

export const pullThroughCache = z
  .object({
    rules: z.array(pullThroughCacheRule).default([]).describe('The upstream registries to cache, one rule per prefix.'),
    template: creationTemplate.default({}).describe('Settings for the repositories the cache creates on first pull, for every rule.'),
    nodeRoleNames: z
      .array(iamRoleName)
      .default([])
      .describe('EKS node roles (in the platform account) that pull through the cache: they get AmazonEC2ContainerRegistryPullOnly and registry-policy grants.'),
    accounts: z
      .array(accountId)
      .default([])
      .describe('Accounts (besides this one) whose principals may pull through the cache: registry-policy grants, and pull access on the cached repositories.'),
  })
  .strict()
  .describe('ECR pull-through cache for public registries: nodes pull <registry>/<prefix>/<image>, ECR fetches from upstream once (stack `registry`).');

export type PullThroughCacheConfig = z.infer<typeof pullThroughCache>;
export type PullThroughCacheRuleConfig = z.infer<typeof pullThroughCacheRule>;
export type CreationTemplateConfig = z.infer<typeof creationTemplate>;
export type UpstreamName = z.infer<typeof upstreamName>;
