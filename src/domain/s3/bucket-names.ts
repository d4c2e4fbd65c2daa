/**
 * S3's rules for general purpose bucket names, checked at synth instead of failing at
 * `terraform apply` (CreateBucket answers InvalidBucketName).
 * Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * ("General purpose buckets naming rules"; reserved prefixes and suffixes as listed there).
 */
import { show } from '../problem';

/** Prefixes S3 reserves (`sthree-configurator` starts with `sthree-`). */
export const RESERVED_BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;

/** Suffixes S3 reserves, and for what. */
export const RESERVED_BUCKET_SUFFIXES: Readonly<Record<string, string>> = {
  '-s3alias': 'access point aliases',
  '--ol-s3': 'Object Lambda Access Point aliases',
  '.mrap': 'Multi-Region Access Points',
  '--x-s3': 'directory buckets',
  '--table-s3': 'S3 table buckets',
};

/**
 * `<prefix>-<account>-<region>-an` names buckets in an account regional namespace
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html): S3 refuses the
 * suffix in the global namespace, and AWS provider 5.100.0 can create buckets in no other.
 */
const ACCOUNT_REGIONAL_SUFFIX = /-\d{12}-[a-z]{2,4}(-[a-z]+)+-\d{1,2}-an$/;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** What is wrong with a bucket name, one message per rule it breaks ("must ..., got ..."); [] when S3 accepts it. */
export function bucketNameProblems(name: string): string[] {
  const got = show(name);
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`must be 3 to 63 characters long, got ${got} (${name.length})`);
  if (!/^[a-z0-9.-]*$/.test(name)) problems.push(`must consist only of lower-case letters, digits, dots (.) and hyphens (-), got ${got}`);
  // (Other characters are the rule above's problem.)
  if (/^[.-]|[.-]$/.test(name)) problems.push(`must begin and end with a lower-case letter or a digit, got ${got}`);
  if (name.includes('..')) problems.push(`must not contain two adjacent periods, got ${got}`);
  if (IPV4.test(name)) problems.push(`must not be formatted as an IP address, got ${got}`);
  for (const prefix of RESERVED_BUCKET_PREFIXES) {
    if (name.startsWith(prefix)) problems.push(`must not start with ${show(prefix)} (S3 reserves the prefix), got ${got}`);
  }
  for (const [suffix, reservedFor] of Object.entries(RESERVED_BUCKET_SUFFIXES)) {
    if (name.endsWith(suffix)) problems.push(`must not end with ${show(suffix)} (S3 reserves the suffix for ${reservedFor}), got ${got}`);
  }
  if (ACCOUNT_REGIONAL_SUFFIX.test(name)) {
    problems.push(`must not end with -<account>-<region>-an (S3 reserves it for account regional namespaces, where AWS provider 5.100.0 cannot create buckets), got ${got}`);
  }
  return problems;
}
