import { z } from 'zod';

// Account IDs stay strings so leading zeros survive.
export const accountId = z
  .string()
  .regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account ID' })
  .describe('A 12-digit AWS account ID. Quote it in YAML ("011122223333") so it stays a string and keeps leading zeros.');

// The shape only; that the region exists is checked against the AWS provider's list (checks/aws.ts).
export const region = z
  .string()
  .regex(/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/, { message: 'must be an AWS region such as eu-central-1' })
  .describe('An AWS region as AWS spells it, e.g. eu-central-1 or us-gov-west-1 (one the AWS provider knows, or one listed in aws.additionalRegions).');

export const iamRoleArn = z
  .string()
  // A path is optional, the name is not: IAM role names are 1-64 characters
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, {
    message: 'must be an IAM role ARN with the role\'s name (arn:aws:iam::<account>:role/<name>, name 1-64 characters)',
  })
  .describe('An IAM role ARN: arn:aws:iam::<account>:role/<name>.');

export const kmsKeyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+$/, { message: 'must be a KMS key or alias ARN' })
  .describe('A KMS key or alias ARN: arn:aws:kms:<region>:<account>:key/<id> or ...:alias/<name>.');

export const iamRoleName = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, { message: 'must be an IAM role name (1-64 of letters, digits and +=,.@_-)' })
  .describe('An IAM role name: 1-64 of letters, digits and +=,.@_-.');

// Environment names become state keys and Kubernetes labels, so DNS-1123 label rules apply.
export const environmentName = z
  .string()
  .regex(/^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/, { message: 'must be a lower-case DNS label (a-z, 0-9, -; at most 32 characters)' })
  .describe('An environment name (a key of `environments`): a lower-case DNS label of a-z, 0-9 and -, at most 32 characters.');

export const tags = z
  // Lengths (in Unicode characters), reserved prefixes and character sets: src/domain/aws/tags.ts, where the tags land.
  .record(z.string(), z.string())
  .describe('Resource tags as key: value (keys up to 128 characters, values up to 256).');

// ECR refuses a repository policy whose principal is not a complete ARN (`...:role` without a name, `...:role/`).
// Role and user names are 1-64 characters (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
export const principal = z
  .union([accountId, z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(?:root|(?:role|user)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/)], {
    message: 'must be a 12-digit account ID, an account root ARN (arn:aws:iam::<account>:root) or a complete IAM role or user ARN (arn:aws:iam::<account>:role/<name>)',
  })
  .describe('A 12-digit account ID (the whole account, via its root) or an IAM role or user ARN.');
