import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { PlatformConfig } from '../config/schema';
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
  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id, { config, stateKey: config.state.bootstrapBackend === 's3' ? BOOTSTRAP_STATE_KEY : 'local' });
    // The bucket lives where every backend looks for it: state.region, when set. The stack holds
    // nothing else, so its one provider moves there (and its logical IDs stay as they were).
    if (config.state.region && config.state.region !== config.aws.region) this.useRegion(config.state.region);
    const state = new StateBucket(this, 'state-bucket', {
      bucketName: config.state.bucket,
      noncurrentVersionExpirationDays: config.state.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, 'state_bucket', { value: state.bucket.bucket, description: 'Bucket that holds every stack\'s Terraform state' });
  }
}
