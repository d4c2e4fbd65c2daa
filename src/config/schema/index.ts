import { z } from 'zod';
import { accountId, environmentName, iamRoleArn, region, tags } from './common';
import { endpoints } from './endpoints';
import { registry } from './registry';
import { pullThroughCache } from './pull-through-cache';
import { access } from './access';
import { kubernetes } from './kubernetes';
import { guardrails } from './guardrails';
import { bucketNameProblems } from '../../domain/s3/bucket-names';
import { IAM_QUOTAS } from '../../domain/iam/quotas';
import { STATE_VERSION_RETENTION } from '../../domain/s3/state-versions';
import { defaultScanningRules } from '../../domain/ecr/scanning-rules';

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

/** IAM quotas an account may have raised; the synth keeps every role within them. */
export const iamQuotas = z
  .object({
    managedPoliciesPerRole: z
      .number()
      .int()
      .min(IAM_QUOTAS.managedPoliciesPerRole.default)
      .max(IAM_QUOTAS.managedPoliciesPerRole.max)
      .optional()
      .describe(
        `Managed policies IAM lets you attach to one role or user (${IAM_QUOTAS.managedPoliciesPerRole.default} by default, up to ${IAM_QUOTAS.managedPoliciesPerRole.max} on request). ` +
          `Default: ${IAM_QUOTAS.managedPoliciesPerRole.default}`,
      ),
    roleTrustPolicyLength: z
      .number()
      .int()
      .min(IAM_QUOTAS.roleTrustPolicyLength.default)
      .max(IAM_QUOTAS.roleTrustPolicyLength.max)
      .optional()
      .describe(
        `Characters a role trust policy may have, whitespace not counted (${IAM_QUOTAS.roleTrustPolicyLength.default} by default, up to ${IAM_QUOTAS.roleTrustPolicyLength.max} on request). ` +
          `Default: ${IAM_QUOTAS.roleTrustPolicyLength.default}`,
      ),
  })
  .strict()
  .describe('IAM quotas raised for this account; set only what Service Quotas shows as raised.');

export const state = z
  .object({
    bucket: z
      .string()
      // Every S3 naming rule, reserved prefixes and suffixes included (src/domain/s3/bucket-names.ts).
      .superRefine((name, context) => {
        for (const message of bucketNameProblems(name)) context.addIssue({ code: 'custom', message, input: name });
      })
      .describe('The S3 bucket that holds every stack\'s state; the bootstrap stack creates it.'),
    region: region.optional().describe('Region of the state bucket. Default: aws.region'),
    assumeRoleArn: iamRoleArn.optional().describe('A role the S3 backend assumes to reach the bucket.'),
    noncurrentVersionExpirationDays: z
      .number()
      .int()
      .min(STATE_VERSION_RETENTION.minimumDays, {
        message: `must be at least ${STATE_VERSION_RETENTION.minimumDays} days (an old state version is the only way back from a bad apply; fewer days lose it before anyone notices)`,
      })
      .default(90)
      .describe(
        `Old state versions are kept this long, in days: at least ${STATE_VERSION_RETENTION.minimumDays}; below ${STATE_VERSION_RETENTION.recommendedDays} the synth warns (STATE-008). Default: 90`,
      ),
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
        assumeRoleArn: iamRoleArn.optional().describe('A role the AWS provider assumes (e.g. a deploy role); a role in aws.accountId.'),
        endpoints: endpoints.optional(),
        additionalRegions: z
          .array(region)
          .optional()
          .describe(
            'Regions newer than the AWS provider\'s list (hashicorp/aws 5.100.0) that this configuration uses: stacks and backends in them set skip_region_validation. ' +
              'Default: none (every region must be one the provider knows)',
          ),
        iamQuotas: iamQuotas.optional().describe('IAM quotas this account has had raised (Service Quotas). Default: AWS\'s defaults'),
      })
      .strict()
      .describe('The AWS account and region, and an optional role to assume.'),
    state,
    environments: z
      .record(environmentName, environment)
      .refine((envs) => Object.keys(envs).length > 0, { message: 'must name at least one environment' })
      .describe('The environments, by name (at least one), e.g. `dev: {}` and `prod: { production: true }`.'),
    tags: tags.default({}).describe('Tags added to every resource, besides ManagedBy, Project, Environment and Owner.'),
    registry: registry.default({ namingScheme: '{name}', defaults: {}, repositories: [], scanning: { type: 'BASIC', rules: defaultScanningRules() } }),
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
