import { z } from 'zod';
import { accountId, environmentName, iamRoleArn, kmsKeyArn, principal, region, tags } from './common';
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

export const repositoryAccess = z
  .object({
    /** Roles or users (ARN) or accounts (12-digit ID) that may pull. */
    principals: z.array(principal).optional(),
    /** Accounts whose Lambda functions may pull (container-image Lambdas in this region). */
    lambdaAccounts: z.array(accountId).optional(),
    /** AWS Organizations whose principals may pull (aws:PrincipalOrgID). */
    organizationIds: z.array(z.string().regex(/^o-[a-z0-9]{10,32}$/, { message: 'must be an AWS Organization ID (o-xxxxxxxxxx)' })).optional(),
  })
  .strict();

export const repositoryPushAccess = z
  .object({
    /** Roles or users (ARN) or accounts (12-digit ID) that may push (and pull). */
    principals: z.array(principal).optional(),
  })
  .strict();

/** Settings every repository has; `registry.defaults` sets them once, a repository's own value replaces the default. */
export const repositorySettings = z
  .object({
    /**
     * MUTABLE or IMMUTABLE (AWS provider 5.100.0 has no *_WITH_EXCLUSION modes).
     * @default IMMUTABLE for repositories used by a production environment (unless the repository itself says otherwise), else MUTABLE
     */
    tagMutability: z.string().optional(),
    /** @default true */
    scanOnPush: z.boolean().optional(),
    /** AES256, or KMS with a key this stack creates (rotation on) or an existing key's ARN. Changing it replaces the repository. @default { type: AES256 } */
    encryption: encryption.optional(),
    /** @default false: a repository with images is never deleted by Terraform */
    forceDelete: z.boolean().optional(),
    /** @default { preset: application } */
    lifecyclePolicy: lifecyclePolicy.optional(),
    tags: tags.optional(),
    /** Pull access for other accounts, roles, Lambda and organizations (a repository policy). @default none */
    pull: repositoryAccess.optional(),
    /** Push access for other accounts or roles (a repository policy). @default none */
    push: repositoryPushAccess.optional(),
  })
  .strict();

export const repository = repositorySettings
  .extend({
    /** The repository's name (before the naming scheme): 2-256 of a-z, 0-9 and single . _ - / separators. */
    name: z.string(),
    /** Environments whose workloads use this repository. A production environment makes tags immutable by default. */
    environments: z.array(environmentName).optional(),
    /** Value of {environment} when the naming scheme uses it (one of `environments`); it counts as a use by that environment. */
    environment: z.string().optional(),
    /** Take over an existing repository with Terraform import blocks (repository and lifecycle policy) instead of creating it. @default false */
    adopt: z.boolean().optional(),
  })
  .strict();

export const scanning = z
  .object({
    /** BASIC (free, on push) or ENHANCED (Amazon Inspector; allows CONTINUOUS_SCAN). @default BASIC */
    type: z.enum(['BASIC', 'ENHANCED']).default('BASIC'),
    /** @default scan every repository on push */
    rules: z
      .array(
        z
          .object({
            frequency: z.enum(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL']),
            /** Wildcard repository filters, e.g. "*" or "faro-rag/*". */
            filters: z.array(z.string()).min(1),
          })
          .strict(),
      )
      // At most 2 (AWS's limit): checked with the other scanning rules, so the message can say why.
      .default([{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }]),
  })
  .strict();

export const replicationDestination = z
  .object({
    region,
    /** @default the platform account (cross-region replication) */
    accountId: accountId.optional(),
    /**
     * Cross-account destinations only: a role in the destination account. With it, the app adds a stack
     * `replication-target-<account>-<region>` that gives that registry the policy replication needs.
     */
    assumeRoleArn: iamRoleArn.optional(),
  })
  .strict();

export const replication = z
  .object({
    /** Rules with the same prefixFilters merge; at most 10 rules, 100 filters per rule (checked after merging). */
    rules: z
      .array(
        z
          .object({
            destinations: z.array(replicationDestination).min(1),
            /** Repository name prefixes; all repositories when omitted. */
            prefixFilters: z.array(z.string()).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Accounts that replicate into this registry: the registry policy lets them (ecr:CreateRepository, ecr:ReplicateImage). */
    allowReplicationFrom: z.array(accountId).optional(),
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
    /** Adopt every repository (as `adopt: true` on each): import blocks instead of creates. @default false */
    adoptAll: z.boolean().optional(),
  })
  .strict();

export type RegistryConfig = z.infer<typeof registry>;
export type RepositoryConfig = z.infer<typeof repository>;
export type RepositorySettingsConfig = z.infer<typeof repositorySettings>;
export type EncryptionConfig = z.infer<typeof encryption>;
export type RepositoryAccessConfig = z.infer<typeof repositoryAccess>;
export type ScanningConfig = z.infer<typeof scanning>;
export type ReplicationConfig = z.infer<typeof replication>;
