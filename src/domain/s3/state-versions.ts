/**
 * How long the state bucket keeps old versions of a state file. A noncurrent version is the only
 * way back after an apply (or a `terraform state rm`) wrote a bad state, so it must outlive the
 * time it takes to notice. S3 deletes noncurrent versions `NoncurrentDays` after they became
 * noncurrent (https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html,
 * "NoncurrentVersionExpiration"); these floors are the platform's policy, not AWS limits.
 */
export const STATE_VERSION_RETENTION = {
  /** Below this a bad state noticed after a long weekend or a holiday is already gone: refused. */
  minimumDays: 7,
  /** Below this a bad state noticed at the next monthly review is gone: warned. */
  recommendedDays: 30,
} as const;
