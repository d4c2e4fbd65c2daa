import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { stateKeys } from '../config/model';
import { PlatformStack } from './platform-stack';

/**
 * CI and cluster access: the GitHub Actions OIDC provider, CI roles pinned to
 * repositories and branches, and least-privilege push and pull policies.
 * State key: global/github-oidc/terraform.tfstate. (Skeleton: issue #5 completes it.)
 */
export class AccessStack extends PlatformStack {
  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id, { config, stateKey: stateKeys.global('github-oidc') });
  }
}
