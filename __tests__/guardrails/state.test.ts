import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3Backend } from 'cdktf';
import type { Construct } from 'constructs';
import { renderPolicy } from '../../src/domain/iam/policy-document';
import { findingsOf, stack } from './support';

interface BucketParts {
  versioning?: boolean;
  encryption?: boolean;
  publicAccessBlock?: boolean | 'partial';
  tlsOnly?: boolean;
  /** Days old state versions are kept (a lifecycle rule); none when undefined. */
  noncurrentDays?: number;
}

/** A state bucket named like the backends' bucket, with the parts asked for. */
function stateBucket(scope: Construct, parts: BucketParts = {}): void {
  const { versioning = true, encryption = true, publicAccessBlock = true, tlsOnly = true } = parts;
  const bucket = new S3Bucket(scope, 'bucket', { bucket: 'state-bucket' });
  if (versioning) new S3BucketVersioningA(scope, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  if (encryption) new S3BucketServerSideEncryptionConfigurationA(scope, 'encryption', { bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
  if (publicAccessBlock) {
    new S3BucketPublicAccessBlock(scope, 'pab', { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: publicAccessBlock === true });
  }
  if (parts.noncurrentDays !== undefined) {
    new S3BucketLifecycleConfiguration(scope, 'lifecycle', {
      bucket: bucket.id,
      rule: [{ id: 'expire-noncurrent', status: 'Enabled', filter: [{ prefix: '' }], noncurrentVersionExpiration: [{ noncurrentDays: parts.noncurrentDays }] }],
    });
  }
  if (tlsOnly) {
    new S3BucketPolicy(scope, 'policy', {
      bucket: bucket.id,
      policy: renderPolicy([
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucket.arn, `${bucket.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    });
  }
}

const bootstrap = (parts?: BucketParts) => stack('bootstrap', (scope) => stateBucket(scope, parts), { s3Backend: false });
const registry = () => stack('registry', () => undefined);

describe('state bucket rules (the bucket the S3 backends point at)', () => {
  it('passes a versioned, encrypted, private, TLS-only bucket', () => {
    for (const rule of ['STATE-001', 'STATE-002', 'STATE-003', 'STATE-004']) expect(findingsOf(rule, [bootstrap(), registry()])).toEqual([]);
  });

  it('STATE-001 flags an unversioned state bucket', () => {
    expect(findingsOf('STATE-001', [bootstrap({ versioning: false }), registry()])).toEqual([
      expect.objectContaining({ level: 'error', stack: 'bootstrap', resource: 'bootstrap/bucket', message: 'state bucket "state-bucket" is not versioned.' }),
    ]);
  });

  it('STATE-002 flags a state bucket without default encryption', () => {
    expect(findingsOf('STATE-002', [bootstrap({ encryption: false }), registry()]).map((f) => f.message)).toEqual(['state bucket "state-bucket" has no default server-side encryption.']);
  });

  it('STATE-003 flags a missing or partial public access block', () => {
    expect(findingsOf('STATE-003', [bootstrap({ publicAccessBlock: false }), registry()]).map((f) => f.message)).toEqual(['state bucket "state-bucket" has no public access block.']);
    expect(findingsOf('STATE-003', [bootstrap({ publicAccessBlock: 'partial' }), registry()]).map((f) => f.message)).toEqual([
      'state bucket "state-bucket" has public access block settings that are not true: restrict_public_buckets.',
    ]);
  });

  it('STATE-004 flags a state bucket without a TLS-only policy', () => {
    expect(findingsOf('STATE-004', [bootstrap({ tlsOnly: false }), registry()]).map((f) => f.message)).toEqual([
      'state bucket "state-bucket" has no policy statement denying requests without TLS (aws:SecureTransport = false).',
    ]);
  });

  it('STATE-007 the attack: old state versions deleted after 1 day are refused', () => {
    expect(findingsOf('STATE-007', [bootstrap({ noncurrentDays: 1 }), registry()])).toEqual([
      {
        ruleId: 'STATE-007',
        level: 'error',
        stack: 'bootstrap',
        resource: 'bootstrap/bucket',
        message: 'state bucket "state-bucket" deletes old state versions after 1 day (bootstrap/lifecycle), fewer than 7.',
        fix: expect.stringContaining('noncurrentVersionExpirationDays'),
      },
    ]);
    expect(findingsOf('STATE-008', [bootstrap({ noncurrentDays: 1 }), registry()])).toEqual([]);
  });

  it('STATE-008 warns below 30 days, and neither fires at 30 days or without expiry', () => {
    expect(findingsOf('STATE-008', [bootstrap({ noncurrentDays: 14 }), registry()]).map((f) => [f.level, f.message])).toEqual([
      ['warning', 'state bucket "state-bucket" deletes old state versions after 14 days (bootstrap/lifecycle), fewer than 30.'],
    ]);
    for (const parts of [{ noncurrentDays: 30 }, {}]) {
      expect([...findingsOf('STATE-007', [bootstrap(parts), registry()]), ...findingsOf('STATE-008', [bootstrap(parts), registry()])]).toEqual([]);
    }
  });

  it('does not apply to buckets no backend uses', () => {
    const other = stack('logs', (scope) => new S3Bucket(scope, 'logs', { bucket: 'some-logs' }));
    expect(findingsOf('STATE-001', [other])).toEqual([]);
  });
});

describe('STATE-005 / STATE-006 backends', () => {
  it('flags an S3 backend that neither encrypts nor locks, and a local backend on an ordinary stack', () => {
    const plain = stack(
      'plain',
      (scope) => {
        new S3Backend(scope, { bucket: 'state-bucket', key: 'global/plain/terraform.tfstate', region: 'eu-central-1' });
      },
      { s3Backend: false },
    );
    const local = stack('local', () => undefined, { s3Backend: false });
    expect(findingsOf('STATE-005', [bootstrap(), plain, local]).map((f) => [f.stack, f.resource, f.message])).toEqual([
      ['plain', 'plain', 'S3 backend (key "global/plain/terraform.tfstate") lacks encrypt = true and use_lockfile = true.'],
      ['local', 'local', 'keeps its state on local disk (local backend): not shared, not locked, not versioned.'],
    ]);
  });

  it('only warns (STATE-006) about the local state of the stack that creates the state bucket', () => {
    const stacks = [bootstrap(), registry()];
    expect(findingsOf('STATE-005', stacks)).toEqual([]);
    expect(findingsOf('STATE-006', stacks)).toEqual([expect.objectContaining({ level: 'warning', stack: 'bootstrap', resource: 'bootstrap' })]);
  });
});
