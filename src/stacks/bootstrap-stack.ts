import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { ResolvedPlatform } from '../config/resolve/platform';
import { stateKeys } from '../config/model';
import { StateBucket } from '../constructs/state/state-bucket';
import { PlatformStack } from './platform-stack';

/** State key of the bootstrap stack once it has been migrated into its own bucket. */
export const BOOTSTRAP_STATE_KEY = stateKeys.global('terraform-state');

/**
 * Creates the state bucket. Its own state starts on a local backend (the bucket
 * does not exist yet); after the first apply it is migrated into the bucket
 * (README: "Bootstrap"), by setting `state.bootstrapBackend: s3`. The bucket is created in
 * `state.region` (default: aws.region), the region the S3 backends name.
 */
export class BootstrapStack extends PlatformStack {
  constructor(scope: Construct, id: string, platform: ResolvedPlatform) {
    super(scope, id, { platform, stateKey: platform.state.bootstrapBackend === 's3' ? BOOTSTRAP_STATE_KEY : 'local' });
    // The bucket lives where every backend looks for it: state.region, when set. The stack holds
    // nothing else, so its one provider moves there (and its logical IDs stay as they were).
    if (platform.state.region !== platform.aws.region) this.useRegion(platform.state.region);
    const state = new StateBucket(this, 'state-bucket', {
      bucketName: platform.state.bucket,
      noncurrentVersionExpirationDays: platform.state.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, 'state_bucket', { value: state.bucket.bucket, description: 'Bucket that holds every stack\'s Terraform state' });
  }
}
