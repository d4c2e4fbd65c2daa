import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ResolvedPlatform } from '../config/resolve/platform';
import { backendEndpoints, providerEndpoints } from './endpoints';
import { isProviderRegion } from '../domain/aws/regions';

export interface PlatformStackProps {
  readonly platform: ResolvedPlatform;
  /**
   * Where the stack keeps its state: an S3 key in the state bucket
   * (`global/<stack>/terraform.tfstate`, `environments/<env>/<stack>/terraform.tfstate`),
   * or `local` for the bootstrap stack before its migration.
   */
  readonly stateKey: string | 'local';
  /** The provider's default tags. @default the global stacks' (platform.defaultTags) */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * What every stack has: the AWS provider with default tags, and an S3 backend
 * that encrypts and locks (`use_lockfile`, which replaces the deprecated DynamoDB table).
 */
export class PlatformStack extends TerraformStack {
  readonly platform: ResolvedPlatform;
  readonly aws: AwsProvider;
  /** The state key, or `local`. */
  readonly stateKey: string;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id);
    const { platform } = props;
    const { aws, state } = platform;
    this.platform = platform;
    this.stateKey = props.stateKey;

    this.aws = new AwsProvider(this, 'aws', {
      region: aws.region,
      ...skipRegionValidation(aws.region),
      // Only this account: a plan with the wrong credentials fails instead of touching another account.
      allowedAccountIds: [aws.accountId],
      assumeRole: aws.assumeRoleArn ? [{ roleArn: aws.assumeRoleArn }] : undefined,
      ...providerEndpoints(aws.endpoints),
      defaultTags: [
        {
          tags: { ...(props.defaultTags ?? platform.defaultTags) },
        },
      ],
    });

    if (props.stateKey === 'local') {
      // Relative to cdktf.out/stacks/<stack>/: the state file lives in the project root, so
      // re-synthesizing (which replaces cdktf.out) never deletes it, and no machine path is baked in.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    } else {
      new S3Backend(this, {
        bucket: state.bucket,
        key: props.stateKey,
        region: state.region,
        ...skipRegionValidation(state.region),
        encrypt: true,
        assumeRole: state.assumeRoleArn ? { roleArn: state.assumeRoleArn } : undefined,
        ...backendEndpoints(aws.endpoints),
      });
      // cdktf 0.21's S3Backend has no prop for S3-native locking (Terraform >= 1.10).
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    }
  }

  /** Points the stack's provider at another region (a replication destination's, the state bucket's). */
  protected useRegion(region: string): void {
    this.aws.region = region;
    this.aws.skipRegionValidation = skipRegionValidation(region).skipRegionValidation;
  }
}

/**
 * A region the provider does not know (declared in aws.additionalRegions, the configuration check
 * allows no other) is used with `skip_region_validation`: without it the provider and the backend
 * refuse it at plan time. Nothing for the regions the provider knows, so their JSON stays as it was.
 */
function skipRegionValidation(region: string): { skipRegionValidation?: true } {
  return isProviderRegion(region) ? {} : { skipRegionValidation: true };
}
