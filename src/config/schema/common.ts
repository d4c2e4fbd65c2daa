import { z } from 'zod';

/** AWS account IDs are exactly twelve digits, kept as strings so leading zeros survive. */
export const accountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account ID' });

/** Region names as AWS spells them (eu-central-1, us-gov-west-1, ...). */
export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { message: 'must be an AWS region such as eu-central-1' });

export const iamRoleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)' });

export const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/, { message: 'must be a KMS key or alias ARN' });

/** Role names: IAM's own rule, 1 to 64 characters of [\w+=,.@-]. */
export const iamRoleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, { message: 'must be an IAM role name (1-64 of letters, digits and +=,.@_-)' });

/** Environment names become state keys and Kubernetes labels, so DNS-1123 label rules apply. */
export const environmentName = z
  .string()
  .regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, { message: 'must be a lower-case DNS label (a-z, 0-9, -; at most 32 characters)' });

/** Resource tags: AWS allows 128-character keys and 256-character values. */
export const tags = z.record(z.string().min(1).max(128), z.string().max(256));

/** A principal that may be granted pull or push: a 12-digit account or an IAM role/user ARN. */
export const principal = z.union([accountId, z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user|root)(\/[\w+=,.@/-]*)?$/)], {
  message: 'must be a 12-digit account ID or an IAM role/user ARN',
});
