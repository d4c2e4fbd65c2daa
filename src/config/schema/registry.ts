import { z } from 'zod';
import { accountId, environmentName, kmsKeyArn, principal, region, tags } from './common';
import { lifecyclePolicy } from './lifecycle';

export const tagMutability = z.enum(['MUTABLE', 'IMMUTABLE']);

export const encryption = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AES256') }).strict(),
  z
    .object({
      type: z.literal('KMS'),
      /** An existing key; when omitted the registry stack creates one (rotation on). */
      kmsKeyArn: kmsKeyArn.optional(),
    })
    .strict(),
]);

/** Settings every repository has; `registry.defaults` sets them once, a repository may override. */
export const repositorySettings = z
  .object({
    /** @default IMMUTABLE for repositories used by a production environment, MUTABLE otherwise */
    tagMutability: z.string().optional(),
    /** @default true */
    scanOnPush: z.boolean().optional(),
    /** @default { type: AES256 } */
    encryption: encryption.optional(),
    /** @default false: a repository with images is never deleted by Terraform */
    forceDelete: z.boolean().optional(),
    /** @default { preset: application } */
    lifecyclePolicy: lifecyclePolicy.optional(),
    tags: tags.optional(),
  })
  .strict();

export const repositoryAccess = z
  .object({
    /** Roles (ARN) or accounts (ID) that may pull. */
    principals: z.array(principal).optional(),
    /** Accounts whose Lambda functions may pull (container-image Lambdas). */
    lambdaAccounts: z.array(accountId).optional(),
    /** AWS Organizations whose principals may pull (aws:PrincipalOrgID). */
    organizationIds: z.array(z.string().regex(/^o-[a-z0-9]{10,32}$/, { message: 'must be an AWS Organization ID (o-xxxxxxxxxx)' })).optional(),
  })
  .strict();

export const repository = repositorySettings
  .extend({
    name: z.string(),
    /** Environments whose workloads use this repository. A production environment makes tags immutable by default. */
    environments: z.array(environmentName).optional(),
    /** Value of {environment} when the naming scheme uses it. */
    environment: z.string().optional(),
    pull: repositoryAccess.optional(),
    push: z.object({ principals: z.array(principal).optional() }).strict().optional(),
    /** Take over an existing repository with a Terraform import block instead of creating it. */
    adopt: z.boolean().optional(),
  })
  .strict();

export const scanning = z
  .object({
    type: z.enum(['BASIC', 'ENHANCED']).default('BASIC'),
    rules: z
      .array(
        z
          .object({
            frequency: z.enum(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL']),
            /** Wildcard repository filters, e.g. "*" or "faro-rag/*". */
            filters: z.array(z.string().min(1).max(256)).min(1),
          })
          .strict(),
      )
      .max(2),
  })
  .strict();

export const replicationDestination = z
  .object({
    region,
    /** @default the platform account (cross-region replication) */
    accountId: accountId.optional(),
    /** For a cross-account destination: a role in that account, used to synthesize its registry policy stack. */
    assumeRoleArn: z.string().optional(),
  })
  .strict();

export const replication = z
  .object({
    rules: z
      .array(
        z
          .object({
            destinations: z.array(replicationDestination).min(1).max(25),
            /** Repository name prefixes; all repositories when omitted. */
            prefixFilters: z.array(z.string().min(2).max(256)).max(100).optional(),
          })
          .strict(),
      )
      .max(10),
  })
  .strict();

export const registry = z
  .object({
    /** How repository names are formed. Placeholders: {project}, {name}, {environment}. @default "{name}" */
    namingScheme: z.enum(['{name}', '{project}-{name}-{environment}', '{project}-{name}', '{project}/{name}']).default('{name}'),
    defaults: repositorySettings.default({}),
    repositories: z.array(repository).default([]),
    scanning: scanning.default({ type: 'BASIC', rules: [{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }] }),
    replication: replication.optional(),
  })
  .strict();

export type RegistryConfig = z.infer<typeof registry>;
export type RepositoryConfig = z.infer<typeof repository>;
export type RepositorySettingsConfig = z.infer<typeof repositorySettings>;
export type EncryptionConfig = z.infer<typeof encryption>;
