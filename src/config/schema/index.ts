import { z } from 'zod';
import { accountId, environmentName, iamRoleArn, region, tags } from './common';
import { registry } from './registry';
import { pullThroughCache } from './pull-through-cache';
import { access } from './access';
import { kubernetes } from './kubernetes';
import { guardrails } from './guardrails';

export const environment = z
  .object({
    /** Production environments get immutable tags and refuse `latest`. @default true for an environment named "prod" or "production" */
    production: z.boolean().optional(),
    tags: tags.optional(),
  })
  .strict();

export const state = z
  .object({
    /** The S3 bucket that holds every stack's state; the bootstrap stack creates it. */
    bucket: z.string().regex(/^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid S3 bucket name (3-63 of a-z, 0-9, ., -)' }),
    /** @default aws.region */
    region: region.optional(),
    /** A role the S3 backend assumes to reach the bucket. */
    assumeRoleArn: iamRoleArn.optional(),
    /** Old state versions are kept this long. @default 90 */
    noncurrentVersionExpirationDays: z.number().int().min(1).default(90),
    /** Where the bootstrap stack keeps its own state: "local" at first, "s3" after the one-time migration. @default local */
    bootstrapBackend: z.enum(['local', 's3']).default('local'),
  })
  .strict();

export const platformConfig = z
  .object({
    /** Short project name; used in tags and in the {project} naming placeholder. */
    project: z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { message: 'must be lower-case letters, digits and - (2-32 characters)' }),
    owner: z.string().min(1),
    aws: z
      .object({
        accountId,
        region,
        /** A role the AWS provider assumes (e.g. a deploy role). */
        assumeRoleArn: iamRoleArn.optional(),
      })
      .strict(),
    state,
    environments: z.record(environmentName, environment).refine((envs) => Object.keys(envs).length > 0, { message: 'must name at least one environment' }),
    /** Tags added to every resource, besides ManagedBy, Project, Environment and Owner. */
    tags: tags.default({}),
    registry: registry.default({ namingScheme: '{name}', defaults: {}, repositories: [], scanning: { type: 'BASIC', rules: [{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }] } }),
    pullThroughCache: pullThroughCache.default({ rules: [], template: {}, nodeRoleNames: [], accounts: [] }),
    access: access.default({ github: { repositories: [], ciRoles: [] }, pullPrincipals: [] }),
    kubernetes: kubernetes.optional(),
    guardrails: guardrails.default({ suppressions: [] }),
  })
  .strict();

/** The configuration as written (before defaults). */
export type PlatformConfigInput = z.input<typeof platformConfig>;
/** The configuration after validation and defaults: what every stack receives. */
export type PlatformConfig = z.infer<typeof platformConfig>;
