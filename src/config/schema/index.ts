import { z } from 'zod';
import { accountId, environmentName, iamRoleArn, region, tags } from './common';
import { endpoints } from './endpoints';
import { registry } from './registry';
import { pullThroughCache } from './pull-through-cache';
import { access } from './access';
import { kubernetes } from './kubernetes';
import { guardrails } from './guardrails';

export const environment = z
  .object({
    production: z
      .boolean()
      .optional()
      .describe('Production environments get immutable tags and refuse `latest`. Default: true for an environment named "prod" or "production"'),
    tags: tags.optional().describe('Tags added to the AWS resources of this environment\'s stacks (workloads-<env>), besides the top-level tags.'),
  })
  .strict()
  .describe('An environment (dev, prod, ...): its name becomes state keys, stack names and labels.');

export const state = z
  .object({
    bucket: z
      .string()
      .regex(/^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be a valid S3 bucket name (3-63 of a-z, 0-9, ., -)' })
      .describe('The S3 bucket that holds every stack\'s state; the bootstrap stack creates it.'),
    region: region.optional().describe('Region of the state bucket. Default: aws.region'),
    assumeRoleArn: iamRoleArn.optional().describe('A role the S3 backend assumes to reach the bucket.'),
    noncurrentVersionExpirationDays: z.number().int().min(1).default(90).describe('Old state versions are kept this long, in days. Default: 90'),
    bootstrapBackend: z
      .enum(['local', 's3'])
      .default('local')
      .describe('Where the bootstrap stack keeps its own state: "local" at first, "s3" after the one-time migration. Default: local'),
  })
  .strict()
  .describe('Terraform state: the S3 bucket every stack keeps its state in, and how the backend reaches it.');

export const platformConfig = z
  .object({
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, { message: 'must be lower-case letters, digits and - (2-32 characters)' })
      .describe('Short project name (2-32 of a-z, 0-9, -); used in tags (Project) and in the {project} naming placeholder.'),
    owner: z.string().min(1).describe('Who owns the platform, e.g. a team name; the Owner tag on every resource.'),
    aws: z
      .object({
        accountId: accountId.describe('The AWS account the platform deploys to; the AWS provider refuses credentials of any other account.'),
        region: region.describe('The AWS region the platform deploys to (the registry\'s region), e.g. eu-central-1.'),
        assumeRoleArn: iamRoleArn.optional().describe('A role the AWS provider assumes (e.g. a deploy role).'),
        endpoints: endpoints.optional(),
      })
      .strict()
      .describe('The AWS account and region, and an optional role to assume.'),
    state,
    environments: z
      .record(environmentName, environment)
      .refine((envs) => Object.keys(envs).length > 0, { message: 'must name at least one environment' })
      .describe('The environments, by name (at least one), e.g. `dev: {}` and `prod: { production: true }`.'),
    tags: tags.default({}).describe('Tags added to every resource, besides ManagedBy, Project, Environment and Owner.'),
    registry: registry.default({ namingScheme: '{name}', defaults: {}, repositories: [], scanning: { type: 'BASIC', rules: [{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }] } }),
    pullThroughCache: pullThroughCache.default({ rules: [], template: {}, nodeRoleNames: [], accounts: [] }),
    access: access.default({ github: { repositories: [], ciRoles: [] }, pullPrincipals: [] }),
    kubernetes: kubernetes.optional(),
    guardrails: guardrails.default({ suppressions: [] }),
  })
  .strict()
  .describe('The platform configuration: every stack (bootstrap, registry, access, workloads-<env>) is built from this one file.');

/** The configuration as written (before defaults). */
export type PlatformConfigInput = z.input<typeof platformConfig>;
/** The configuration after validation and defaults: what every stack receives. */
export type PlatformConfig = z.infer<typeof platformConfig>;
