import type { PlatformConfig } from '../schema';
import { show, type Problem } from '../../domain/problem';
import { closestProviderRegion, isProviderRegion } from '../../domain/aws/regions';
import { partition } from '../../domain/aws/arn';

/** Every region field of the configuration, with its path. */
function regionFields(config: PlatformConfig): { path: string; region: string }[] {
  return [
    { path: 'aws.region', region: config.aws.region },
    ...(config.state.region ? [{ path: 'state.region', region: config.state.region }] : []),
    ...(config.registry.replication?.rules ?? []).flatMap((rule, i) =>
      rule.destinations.map((destination, j) => ({ path: `registry.replication.rules[${i}].destinations[${j}].region`, region: destination.region })),
    ),
  ];
}

/**
 * The account, regions and roles the providers and backends use: regions that exist (the AWS
 * provider's own list, src/domain/aws/regions.ts, or declared newer in aws.additionalRegions),
 * and roles in the account and partition they are used for.
 */
export function checkAws(config: PlatformConfig): Problem[] {
  const problems: Problem[] = [];
  const additional = config.aws.additionalRegions ?? [];
  for (const { path, region } of regionFields(config)) {
    if (isProviderRegion(region) || additional.includes(region)) continue;
    const suggestion = closestProviderRegion(region);
    problems.push({
      path,
      message:
        `must be an AWS region the AWS provider 5.100.0 knows, got ${show(region)}` +
        (suggestion ? ` (did you mean ${show(suggestion)}?)` : '') +
        '; a region newer than the provider: list it in aws.additionalRegions',
    });
  }
  additional.forEach((region, i) => {
    if (isProviderRegion(region)) {
      problems.push({ path: `aws.additionalRegions[${i}]`, message: `must be a region the AWS provider does not know yet (this one it validates itself); remove it, got ${show(region)}` });
    } else if (additional.indexOf(region) !== i) {
      problems.push({ path: `aws.additionalRegions[${i}]`, message: `must be listed once, got ${show(region)} again` });
    }
  });

  // The provider accepts credentials of aws.accountId only (allowed_account_ids): a role elsewhere can never be used.
  const assumeRoleArn = config.aws.assumeRoleArn;
  if (assumeRoleArn) {
    const [, arnPartition, , , account] = assumeRoleArn.split(':');
    if (account !== config.aws.accountId) {
      problems.push({
        path: 'aws.assumeRoleArn',
        message: `must be a role in account ${config.aws.accountId} (aws.accountId: the AWS provider accepts credentials of that account only), got ${show(assumeRoleArn)}`,
      });
    }
    problems.push(...partitionProblems('aws.assumeRoleArn', arnPartition, assumeRoleArn, config.aws.region, 'aws.region'));
  }
  const stateRoleArn = config.state.assumeRoleArn;
  if (stateRoleArn) {
    const region = config.state.region ?? config.aws.region;
    problems.push(...partitionProblems('state.assumeRoleArn', stateRoleArn.split(':')[1], stateRoleArn, region, config.state.region ? 'state.region' : 'aws.region'));
  }
  return problems;
}

function partitionProblems(path: string, arnPartition: string, arn: string, region: string, regionPath: string): Problem[] {
  const expected = partition(region);
  return arnPartition === expected
    ? []
    : [{ path, message: `must be an ARN of partition ${expected} (the partition of ${regionPath} ${region}; STS refuses roles of other partitions), got ${show(arn)}` }];
}
