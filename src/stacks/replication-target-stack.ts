import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { stateKeys } from '../config/model';
import { RegistryPolicy } from '../constructs/ecr/registry-policy';
import { replicationIntoRegistryStatement } from '../domain/ecr/replication-rules';
import { PlatformStack } from './platform-stack';

/** A cross-account replication destination whose credentials are configured. */
export interface ReplicationTarget {
  readonly accountId: string;
  readonly region: string;
  readonly assumeRoleArn: string;
  /** Per replication rule that reaches this destination, its prefix filters (empty: every repository). */
  readonly prefixFilterSets: readonly (readonly string[])[];
}

/** Destinations in other accounts that have `assumeRoleArn`, one per account and region. */
export function replicationTargets(config: PlatformConfig): ReplicationTarget[] {
  const targets = new Map<string, { accountId: string; region: string; assumeRoleArn: string; prefixFilterSets: string[][] }>();
  for (const rule of config.registry.replication?.rules ?? []) {
    for (const destination of rule.destinations) {
      const accountId = destination.accountId ?? config.aws.accountId;
      if (accountId === config.aws.accountId || !destination.assumeRoleArn) continue;
      const key = `${accountId}-${destination.region}`;
      const target = targets.get(key) ?? { accountId, region: destination.region, assumeRoleArn: destination.assumeRoleArn, prefixFilterSets: [] };
      target.prefixFilterSets.push([...(rule.prefixFilters ?? [])]);
      targets.set(key, target);
    }
  }
  return [...targets.values()];
}

/** The stack name of a destination registry's policy stack. */
export function replicationTargetStackName(target: Pick<ReplicationTarget, 'accountId' | 'region'>): string {
  return `replication-target-${target.accountId}-${target.region}`;
}

/**
 * The registry policy a cross-account destination needs before the platform's registry can
 * replicate into it: ecr:CreateRepository and ecr:ReplicateImage for the source account, on the
 * replicated prefixes. Deployed with the destination account's role (`assumeRoleArn`).
 * A registry has one registry policy: this stack owns the destination's.
 */
export class ReplicationTargetStack extends PlatformStack {
  readonly target: ReplicationTarget;
  readonly registryPolicy: RegistryPolicy;

  constructor(scope: Construct, id: string, config: PlatformConfig, target: ReplicationTarget) {
    super(scope, id, { config, stateKey: stateKeys.global(`repos-ecr-replication-target-${target.accountId}-${target.region}`) });
    this.target = target;
    // The same provider, pointed at the destination: its region, its account only, through its role.
    this.useRegion(target.region);
    this.aws.allowedAccountIds = [target.accountId];
    this.aws.assumeRole = [{ roleArn: target.assumeRoleArn }];
    this.registryPolicy = new RegistryPolicy(this, 'registry-policy', {
      statements: [
        replicationIntoRegistryStatement({
          sid: `AllowReplicationFrom${config.aws.accountId}`,
          sourceAccountIds: [config.aws.accountId],
          registry: { accountId: target.accountId, region: target.region },
          prefixFilterSets: target.prefixFilterSets,
        }),
      ],
    });
  }
}
