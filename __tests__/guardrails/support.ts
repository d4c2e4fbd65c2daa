// Small hand-made stacks built from provider resources directly, so each rule is
// tested against synthesized JSON without any of the platform's own constructs.
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { checkStacks, synthesizedStack, type CheckOptions, type Finding } from '../../src/guardrails';
import { testApp } from '../support/temp-dir';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-central-1';
export const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

export interface StackOptions {
  /** Environment default tag. @default "global" */
  readonly environment?: string;
  /** Region of the AWS provider. @default REGION */
  readonly region?: string;
  /** An S3 backend (encrypting and locking) unless false. @default true */
  readonly s3Backend?: boolean;
}

/** A stack with an AWS provider (account, region, Environment tag) and, by default, an encrypting, locking S3 backend. */
export function stack(name: string, build: (scope: Construct) => void, options: StackOptions = {}): TerraformStack {
  const app = testApp();
  const s = new TerraformStack(app, name);
  new AwsProvider(s, 'aws', { region: options.region ?? REGION, allowedAccountIds: [ACCOUNT], defaultTags: [{ tags: { Environment: options.environment ?? 'global' } }] });
  if (options.s3Backend !== false) {
    new S3Backend(s, { bucket: 'state-bucket', key: `global/${name}/terraform.tfstate`, region: REGION, encrypt: true });
    s.addOverride('terraform.backend.s3.use_lockfile', true);
  }
  build(s);
  return s;
}

/** Every finding over the given stacks (no suppressions). */
export function findings(stacks: TerraformStack[], options: CheckOptions = {}): Finding[] {
  return checkStacks(stacks.map((s) => synthesizedStack(s)), options).findings;
}

/** The findings of one rule. */
export function findingsOf(ruleId: string, stacks: TerraformStack[], options: CheckOptions = {}): Finding[] {
  return findings(stacks, options).filter((f) => f.ruleId === ruleId);
}
