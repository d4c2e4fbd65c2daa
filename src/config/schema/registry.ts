import { z } from 'zod';
import { accountId, environmentName, iamRoleArn, kmsKeyArn, principal, region, tags } from './common';
import { lifecyclePolicy } from './lifecycle';
import { describeDefault, REPOSITORY_DEFAULTS } from './repository-defaults';
import { defaultScanningRules, SCAN_FREQUENCIES, SCAN_TYPES } from '../../domain/ecr/scanning-rules';

export const tagMutability = z.enum(['MUTABLE', 'IMMUTABLE']).describe('MUTABLE (a tag can be pushed again) or IMMUTABLE (a tag always means one image).');

export const encryption = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('AES256').describe('Amazon S3-managed keys (AES-256).') }).strict().describe('Encryption with AES-256 (no KMS key).'),
    z
      .object({
        type: z.literal('KMS').describe('A KMS key.'),
        kmsKeyArn: kmsKeyArn
          .optional()
          .describe(
            'An existing KMS key or alias ARN (for repositories: in the registry\'s region). ' +
              'Default: repositories use a key the registry stack creates (alias/<project>-ecr, rotation on); ' +
              'pull-through cache templates use ECR\'s AWS managed key (aws/ecr).',
          ),
      })
      .strict()
      .describe('Encryption with a KMS key.'),
  ])
  .describe('How images are encrypted at rest: { type: AES256 } or { type: KMS } (optionally with kmsKeyArn).');

export const repositoryAccess = z
  .object({
    principals: z.array(principal).optional().describe('Roles or users (ARN) or accounts (12-digit ID) that may pull.'),
    lambdaAccounts: z.array(accountId).optional().describe('Accounts whose Lambda functions may pull (container-image Lambdas in this region).'),
    organizationIds: z
      .array(z.string().regex(/^o-[a-z0-9]{10,32}$/, { message: 'must be an AWS Organization ID (o-xxxxxxxxxx)' }))
      .optional()
      .describe('AWS Organizations (o-xxxxxxxxxx) whose principals may pull (aws:PrincipalOrgID).'),
  })
  .strict();

export const repositoryPushAccess = z
  .object({
    principals: z.array(principal).optional().describe('Roles or users (ARN) or accounts (12-digit ID) that may push (and pull).'),
  })
  .strict();

/** Settings every repository has; `registry.defaults` sets them once, a repository's own value replaces the default. */
export const repositorySettings = z
  .object({
    // A string, not the enum: the registry check explains *_WITH_EXCLUSION modes, which the pinned AWS provider lacks.
    tagMutability: z
      .string()
      .optional()
      .describe(
        'MUTABLE or IMMUTABLE (AWS provider 5.100.0 has no *_WITH_EXCLUSION modes). ' +
          'Default: IMMUTABLE for repositories used by a production environment (unless the repository itself says otherwise), ' +
          `else registry.defaults.tagMutability, else ${describeDefault(REPOSITORY_DEFAULTS.tagMutability)}.`,
      ),
    scanOnPush: z.boolean().optional().describe(`Scan each image for known vulnerabilities when it is pushed. Default: ${describeDefault(REPOSITORY_DEFAULTS.scanOnPush)}`),
    encryption: encryption
      .optional()
      .describe(
        `AES256, or KMS with a key this stack creates (rotation on) or an existing key's ARN. Changing it replaces the repository. Default: ${describeDefault(REPOSITORY_DEFAULTS.encryption)}`,
      ),
    forceDelete: z
      .boolean()
      .optional()
      .describe(`Let Terraform delete the repository even when it still has images. Refused for a repository production uses; registry.defaults.forceDelete does not reach those. Default: ${describeDefault(REPOSITORY_DEFAULTS.forceDelete)} (a repository with images is never deleted by Terraform)`),
    lifecyclePolicy: lifecyclePolicy.optional().describe(`Which images expire: a preset or your own rules. Default: ${describeDefault(REPOSITORY_DEFAULTS.lifecyclePolicy)}`),
    tags: tags
      .optional()
      .describe('Tags of the repository, besides the default tags; a repository\'s tags merge per key with registry.defaults.tags (its own value wins).'),
    pull: repositoryAccess.optional().describe('Pull access for other accounts, roles, Lambda and organizations (a repository policy). Default: none'),
    push: repositoryPushAccess.optional().describe('Push access for other accounts or roles (a repository policy). Default: none'),
  })
  .strict();

export const repository = repositorySettings
  .extend({
    name: z.string().describe('The repository\'s name (before the naming scheme): 2-256 of a-z, 0-9 and single . _ - / separators, e.g. faro-rag/rag-query.'),
    environments: z
      .array(environmentName)
      .optional()
      .describe('Environments whose workloads use this repository. A production environment makes tags immutable by default.'),
    environment: z
      .string()
      .optional()
      .describe('Value of {environment} when the naming scheme uses it (one of `environments`); it counts as a use by that environment.'),
    adopt: z
      .boolean()
      .optional()
      .describe(`Take over an existing repository with a Terraform import block instead of creating it; its lifecycle policy is written over the old one (or made, if it has none). Default: ${describeDefault(REPOSITORY_DEFAULTS.adopt)}`),
  })
  .strict();

export const scanning = z
  .object({
    type: z
      .enum(SCAN_TYPES)
      .default('BASIC')
      .describe('BASIC (free, on push) or ENHANCED (Amazon Inspector; allows CONTINUOUS_SCAN). Default: BASIC'),
    rules: z
      .array(
        z
          .object({
            frequency: z
              .enum(SCAN_FREQUENCIES)
              .describe('When matching repositories are scanned: SCAN_ON_PUSH, CONTINUOUS_SCAN (ENHANCED only) or MANUAL.'),
            filters: z.array(z.string()).min(1).describe('Wildcard repository filters, e.g. "*" or "faro-rag/*".'),
          })
          .strict()
          .describe('A scanning rule: how often the repositories matching its filters are scanned.'),
      )
      // At most 2 (AWS's limit): checked with the other scanning rules, so the message can say why.
      .default(defaultScanningRules)
      .describe('At most 2 rules (AWS\'s limit). Default: scan every repository on push'),
  })
  .strict();

export const replicationDestination = z
  .object({
    region: region.describe('The destination region.'),
    accountId: accountId.optional().describe('The destination account. Default: the platform account (cross-region replication)'),
    assumeRoleArn: iamRoleArn
      .optional()
      .describe(
        'Cross-account destinations only: a role in the destination account. With it, the app adds a stack ' +
          '`replication-target-<account>-<region>` that gives that registry the policy replication needs.',
      ),
  })
  .strict();

export const replication = z
  .object({
    rules: z
      .array(
        z
          .object({
            destinations: z.array(replicationDestination).min(1).describe('Registries (region, and account for cross-account) that receive the images.'),
            prefixFilters: z.array(z.string()).optional().describe('Repository name prefixes to replicate; all repositories when omitted.'),
          })
          .strict()
          .describe('A replication rule: which repositories are copied where.'),
      )
      .default([])
      .describe('Rules with the same prefixFilters merge; at most 10 rules, 100 filters per rule (checked after merging).'),
    allowReplicationFrom: z
      .array(
        z.union([
          accountId,
          z
            .object({
              accountId: accountId.describe('The source account.'),
              prefixes: z.array(z.string()).min(1).describe('Repository name prefixes it may replicate into (PREFIX_MATCH, e.g. "team-a/").'),
            })
            .strict()
            .describe('A source account and the repository prefixes it may replicate into.'),
        ]),
      )
      .optional()
      .describe(
        'Accounts that replicate into this registry, each with its prefixes: { accountId, prefixes }. The registry policy lets them ' +
          '(ecr:CreateRepository, ecr:ReplicateImage) on repository/<prefix>* only; a bare account ID (every repository) is refused.',
      ),
  })
  .strict();

export const registry = z
  .object({
    namingScheme: z
      .enum(['{name}', '{project}-{name}-{environment}', '{project}-{name}', '{project}/{name}'])
      .default('{name}')
      .describe('How repository names are formed. Placeholders: {project}, {name}, {environment}. Default: "{name}"'),
    defaults: repositorySettings
      .default({})
      .describe('Settings every repository gets unless it sets its own value (registry.defaults never makes a production repository mutable).'),
    repositories: z
      .array(
        repository.describe(
          'An ECR repository. Settings it leaves out come from registry.defaults; tags merge per key.',
        ),
      )
      .default([])
      .describe('The ECR repositories the registry stack creates (or adopts).'),
    scanning: scanning
      .default(() => ({ type: 'BASIC' as const, rules: defaultScanningRules() }))
      .describe('The registry\'s scanning configuration (one per registry). Default: BASIC, scan every repository on push'),
    replication: replication.optional().describe('The registry\'s replication configuration (one per registry) to other regions or accounts. Default: none'),
    adoptAll: z.boolean().optional().describe('Adopt every repository (as `adopt: true` on each): import blocks instead of creates. Default: false'),
  })
  .strict()
  .describe('The ECR registry: repositories, their defaults, naming scheme, scanning and replication (stack `registry`).');

export type RegistryConfig = z.infer<typeof registry>;
export type RepositoryConfig = z.infer<typeof repository>;
export type RepositorySettingsConfig = z.infer<typeof repositorySettings>;
export type EncryptionConfig = z.infer<typeof encryption>;
export type RepositoryAccessConfig = z.infer<typeof repositoryAccess>;
export type ScanningConfig = z.infer<typeof scanning>;
export type ReplicationConfig = z.infer<typeof replication>;
