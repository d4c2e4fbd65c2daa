import { z } from 'zod';

// Account IDs stay strings so leading zeros survive.
export const accountId = z
  .string()
  .regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account ID' })
  .describe('A 12-digit AWS account ID. Quote it in YAML ("011122223333") so it stays a string and keeps leading zeros.');

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, { message: 'must be an AWS region such as eu-central-1' })
  .describe('An AWS region as AWS spells it, e.g. eu-central-1 or us-gov-west-1.');

export const iamRoleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: 'must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)' })
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
  .record(z.string().min(1).max(128), z.string().max(256))
  .describe('Resource tags as key: value (keys up to 128 characters, values up to 256).');

export const principal = z
  .union([accountId, z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user|root)(\/[\w+=,.@/-]*)?$/)], {
    message: 'must be a 12-digit account ID or an IAM role/user ARN',
  })
  .describe('A 12-digit account ID (the whole account, via its root) or an IAM role or user ARN.');
