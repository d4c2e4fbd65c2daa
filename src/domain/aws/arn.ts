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
