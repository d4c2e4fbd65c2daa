import { Construct } from 'constructs';
import type { PlatformConfig } from '../../config/schema';
import type { PolicyStatement } from '../../iam/policy-document';

export interface PullThroughCacheProps {
  readonly config: PlatformConfig;
}

/**
 * ECR pull-through cache rules for public registries, their credentials,
 * creation templates and node permissions. (Skeleton: issue #4 completes it.)
 */
export class PullThroughCache extends Construct {
  /** Statements this cache needs in the one registry policy. */
  readonly registryPolicyStatements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, _props: PullThroughCacheProps) {
    super(scope, id);
  }
}
