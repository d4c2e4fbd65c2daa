import { Construct } from 'constructs';
import type { ReplicationTarget, ResolvedPlatform } from '../config/resolve/platform';
import { stateKeys } from '../config/model';
import { RegistryPolicy } from '../constructs/ecr/registry-policy';
import { replicationIntoRegistryStatement } from '../domain/ecr/replication-rules';
import { PlatformStack } from './platform-stack';

export type { ReplicationTarget } from '../config/resolve/platform';

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

  constructor(scope: Construct, id: string, platform: ResolvedPlatform, target: ReplicationTarget) {
    super(scope, id, { platform, stateKey: stateKeys.global(`repos-ecr-replication-target-${target.accountId}-${target.region}`) });
    this.target = target;
    // The same provider, pointed at the destination: its region, its account only, through its role.
    this.useRegion(target.region);
    this.aws.allowedAccountIds = [target.accountId];
    this.aws.assumeRole = [{ roleArn: target.assumeRoleArn }];
    this.registryPolicy = new RegistryPolicy(this, 'registry-policy', {
      statements: [
        replicationIntoRegistryStatement({
          sid: `AllowReplicationFrom${platform.aws.accountId}`,
          sourceAccountIds: [platform.aws.accountId],
          registry: { accountId: target.accountId, region: target.region },
          prefixFilterSets: target.prefixFilterSets,
        }),
      ],
    });
  }
}
