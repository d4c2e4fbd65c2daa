import { providerRegionPartition } from './regions';

/** ARN and host parts that depend on the partition a region belongs to (the provider's table, else by prefix). */
export function partition(region: string): string {
  const known = providerRegionPartition(region);
  if (known) return known;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `arn:<partition>:iam::<account>:root`: the account as an IAM principal. */
export function accountRootArn(accountId: string, region: string): string {
  return `arn:${partition(region)}:iam::${accountId}:root`;
}

export function urlSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

export interface IamPrincipalArn {
  readonly accountId: string;
  readonly kind: 'role' | 'user';
  /** The role's or user's name: the ARN's last segment, after any path. */
  readonly name: string;
}

/**
 * An IAM role or user ARN, `arn:<partition>:iam::<account>:role/<path/>name` (or `user/`), with
 * names and path segments of letters, digits and +=,.@_- ("IAM identifiers", ARNs and name rules:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html). Undefined for anything else.
 */
export function parseIamPrincipalArn(arn: string): IamPrincipalArn | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  return match ? { accountId: match[1], kind: match[2] as 'role' | 'user', name: match[3] } : undefined;
}
