import { z } from 'zod';

/** The AWS services the stacks and the S3 backend call: each may have an endpoint of its own. */
export const ENDPOINT_SERVICES = ['ecr', 'iam', 'kms', 's3', 'secretsmanager', 'sts', 'eks'] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

const endpointUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
  .describe('The URL the AWS provider (and, for s3/sts/iam, the S3 backend) sends this service\'s requests to.');

const services = Object.fromEntries(
  ENDPOINT_SERVICES.map((service) => [service, endpointUrl.optional().describe(`Endpoint URL of the ${service} API.`)]),
) as Record<EndpointService, z.ZodOptional<typeof endpointUrl>>;

/**
 * Custom endpoints: a local AWS API (moto, LocalStack), VPC interface endpoints or FIPS
 * endpoints. Unset, the provider and the backend use AWS's own endpoints and the synthesized
 * JSON carries no endpoint settings at all.
 */
export const endpoints = z
  .object({
    ...services,
    s3UsePathStyle: z
      .boolean()
      .default(false)
      .describe('Address S3 as <endpoint>/<bucket> instead of <bucket>.<endpoint>: needed for local APIs and IP endpoints. Default: false'),
  })
  .strict()
  .describe(
    'Custom AWS endpoints, per service (ecr, iam, kms, s3, secretsmanager, sts, eks), for the AWS provider and the S3 state backend: ' +
      'e.g. a local AWS API (moto, LocalStack), VPC interface endpoints or FIPS endpoints. Default: none (AWS\'s public endpoints).',
  );

export type EndpointsConfig = z.infer<typeof endpoints>;
