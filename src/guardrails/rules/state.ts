import { isAnyPrincipal, readPolicy, wildcardMatch } from '../policy';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { block, blocks, type SynthesizedPlatform, type TfElement } from '../synthesized';
import { STATE_VERSION_RETENTION } from '../../domain/s3/state-versions';

/**
 * The state bucket, found from the synthesized side: the aws_s3_bucket whose name an
 * S3 backend of any stack points at, with the resources that configure it.
 */
interface StateBucket {
  readonly bucket: TfElement;
  readonly related: TfElement[];
}

const RELATED_TYPES = ['aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_policy'];

export function stateBuckets(platform: SynthesizedPlatform): StateBucket[] {
  return platform.memo('stateBuckets', () => {
    const names = new Set(platform.stacks.filter((s) => s.backendType === 's3').map((s) => s.backend.bucket));
    const found = platform.ofType('aws_s3_bucket').filter((b) => names.has(b.body.bucket));
    if (!found.length) return [];
    const related = platform.ofType(...RELATED_TYPES);
    return found.map((bucket) => ({
      bucket,
      related: related.filter((r) => r.stack === bucket.stack && (r.body.bucket === bucket.body.bucket || platform.resolve(r.stack, r.body.bucket)?.element === bucket)),
    }));
  });
}

function* eachStateBucket(platform: SynthesizedPlatform, missing: (state: StateBucket) => string | undefined): Iterable<Violation> {
  for (const state of stateBuckets(platform)) {
    const problem = missing(state);
    if (problem) yield violation(state.bucket, `state bucket ${quote(state.bucket.body.bucket)} ${problem}.`);
  }
}

function ofType(state: StateBucket, type: string): TfElement[] {
  return state.related.filter((r) => r.type === type);
}

export const stateVersioning: Rule = {
  id: 'STATE-001',
  level: 'error',
  rationale: 'A versioned state bucket lets a corrupted or wrongly applied state be rolled back.',
  fix: 'Add aws_s3_bucket_versioning with status Enabled for the state bucket (the StateBucket construct does).',
  check: ({ platform }: RuleContext) =>
    eachStateBucket(platform, (state) => {
      const enabled = ofType(state, 'aws_s3_bucket_versioning').some((v) => block(v.body.versioning_configuration).status === 'Enabled') || block(state.bucket.body.versioning).enabled === true;
      return enabled ? undefined : 'is not versioned';
    }),
};

export const stateEncryption: Rule = {
  id: 'STATE-002',
  level: 'error',
  rationale: 'State files hold every resource attribute, some of them sensitive: they are encrypted at rest.',
  fix: 'Add aws_s3_bucket_server_side_encryption_configuration (AES256 or aws:kms) for the state bucket.',
  check: ({ platform }: RuleContext) =>
    eachStateBucket(platform, (state) => {
      const configured = [...ofType(state, 'aws_s3_bucket_server_side_encryption_configuration'), state.bucket]
        .flatMap((e) => (e === state.bucket ? blocks(block(e.body.server_side_encryption_configuration).rule) : blocks(e.body.rule)))
        .some((rule) => block(rule.apply_server_side_encryption_by_default).sse_algorithm);
      return configured ? undefined : 'has no default server-side encryption';
    }),
};

const PUBLIC_ACCESS_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const statePublicAccess: Rule = {
  id: 'STATE-003',
  level: 'error',
  rationale: 'State must never become public: all four public access block settings are on.',
  fix: 'Add aws_s3_bucket_public_access_block with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.',
  check: ({ platform }: RuleContext) =>
    eachStateBucket(platform, (state) => {
      const blocksFor = ofType(state, 'aws_s3_bucket_public_access_block');
      if (!blocksFor.length) return 'has no public access block';
      const off = PUBLIC_ACCESS_FLAGS.filter((flag) => !blocksFor.some((b) => b.body[flag] === true));
      return off.length ? `has public access block settings that are not true: ${off.join(', ')}` : undefined;
    }),
};

export const stateTlsOnly: Rule = {
  id: 'STATE-004',
  level: 'error',
  rationale: 'State travels only over TLS: the bucket policy denies every request without aws:SecureTransport.',
  fix: 'Add a bucket policy statement: Effect Deny, Principal "*", Action s3:*, Condition Bool aws:SecureTransport = "false".',
  check: ({ platform }: RuleContext) =>
    eachStateBucket(platform, (state) => {
      const policies = [...ofType(state, 'aws_s3_bucket_policy'), ...(state.bucket.body.policy ? [state.bucket] : [])];
      const tlsOnly = policies.some((p) =>
        (readPolicy(platform, p.stack, p.body.policy) ?? []).some(
          (s) =>
            s.effect === 'Deny' &&
            isAnyPrincipal(s) &&
            s.actions.some((a) => wildcardMatch(a, 's3:GetObject') && wildcardMatch(a, 's3:PutObject')) &&
            s.conditions.some((c) => c.operator === 'Bool' && c.key.toLowerCase() === 'aws:securetransport' && c.values.includes('false')),
        ),
      );
      return tlsOnly ? undefined : 'has no policy statement denying requests without TLS (aws:SecureTransport = false)';
    }),
};

function stacksCreatingStateBucket(platform: SynthesizedPlatform): Set<string> {
  return new Set(stateBuckets(platform).map((s) => s.bucket.stack));
}

export const backendEncryptAndLock: Rule = {
  id: 'STATE-005',
  level: 'error',
  rationale: 'Every stack keeps its state in the S3 bucket, encrypted, with a lock so two applies never write it at once.',
  fix: 'Use the S3 backend with encrypt = true and use_lockfile = true (PlatformStack sets both).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const creators = stacksCreatingStateBucket(platform);
    for (const stack of platform.stacks) {
      const at = { stack: stack.name, resource: stack.name };
      if (stack.backendType === 's3') {
        const missing = [
          ...(stack.backend.encrypt === true || stack.backend.encrypt === 'true' ? [] : ['encrypt = true']),
          ...(stack.backend.use_lockfile === true || stack.backend.use_lockfile === 'true' || stack.backend.dynamodb_table ? [] : ['use_lockfile = true']),
        ];
        if (missing.length) yield { ...at, message: `S3 backend (key ${quote(stack.backend.key)}) lacks ${missing.join(' and ')}.` };
      } else if (stack.backendType === 'local' && !creators.has(stack.name)) {
        yield { ...at, message: 'keeps its state on local disk (local backend): not shared, not locked, not versioned.' };
      }
    }
  },
};

export const bootstrapLocalState: Rule = {
  id: 'STATE-006',
  level: 'warning',
  rationale: 'The stack that creates the state bucket starts on a local backend (the bucket does not exist yet) and should move into it after the first apply.',
  fix: 'After the first apply, set state.bootstrapBackend: s3 and run terraform init -migrate-state in cdktf.out/stacks/bootstrap (README: Bootstrap).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const creators = stacksCreatingStateBucket(platform);
    for (const stack of platform.stacks) {
      if (stack.backendType === 'local' && creators.has(stack.name)) {
        yield { stack: stack.name, resource: stack.name, message: 'creates the state bucket and keeps its own state on local disk until it is migrated.' };
      }
    }
  },
};

/** The shortest noncurrent-version expiration of the state bucket's enabled lifecycle rules (and the element that sets it). */
function shortestNoncurrentRetention(state: StateBucket): { days: number; element: TfElement } | undefined {
  let shortest: { days: number; element: TfElement } | undefined;
  const consider = (element: TfElement, rules: unknown) => {
    for (const rule of blocks(rules)) {
      if (rule.status !== 'Enabled' && rule.enabled !== true) continue;
      for (const expiration of blocks(rule.noncurrent_version_expiration)) {
        const days = Number(expiration.noncurrent_days ?? expiration.days);
        if (Number.isFinite(days) && (!shortest || days < shortest.days)) shortest = { days, element };
      }
    }
  };
  ofType(state, 'aws_s3_bucket_lifecycle_configuration').forEach((l) => consider(l, l.body.rule));
  consider(state.bucket, state.bucket.body.lifecycle_rule);
  return shortest;
}

function* retentionBelow(platform: SynthesizedPlatform, floor: number, atLeast: number): Iterable<Violation> {
  for (const state of stateBuckets(platform)) {
    const shortest = shortestNoncurrentRetention(state);
    if (shortest && shortest.days < floor && shortest.days >= atLeast) {
      yield violation(
        state.bucket,
        `state bucket ${quote(state.bucket.body.bucket)} deletes old state versions after ${shortest.days} day${shortest.days === 1 ? '' : 's'} (${shortest.element.path}), fewer than ${floor}.`,
      );
    }
  }
}

export const stateVersionRetentionFloor: Rule = {
  id: 'STATE-007',
  level: 'error',
  rationale: `An old state version is the only way back from a bad apply; kept fewer than ${STATE_VERSION_RETENTION.minimumDays} days it is gone before anyone notices (a long weekend).`,
  fix: `Set state.noncurrentVersionExpirationDays to at least ${STATE_VERSION_RETENTION.recommendedDays} (the default is 90).`,
  check: ({ platform }: RuleContext) => retentionBelow(platform, STATE_VERSION_RETENTION.minimumDays, -Infinity),
};

export const stateVersionRetentionShort: Rule = {
  id: 'STATE-008',
  level: 'warning',
  rationale: `Old state versions kept fewer than ${STATE_VERSION_RETENTION.recommendedDays} days are gone before a monthly review finds a bad apply.`,
  fix: `Set state.noncurrentVersionExpirationDays to at least ${STATE_VERSION_RETENTION.recommendedDays} (the default is 90).`,
  check: ({ platform }: RuleContext) => retentionBelow(platform, STATE_VERSION_RETENTION.recommendedDays, STATE_VERSION_RETENTION.minimumDays),
};

export const stateRules: Rule[] = [
  stateVersioning,
  stateEncryption,
  statePublicAccess,
  stateTlsOnly,
  backendEncryptAndLock,
  bootstrapLocalState,
  stateVersionRetentionFloor,
  stateVersionRetentionShort,
];
