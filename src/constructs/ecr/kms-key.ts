import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { accountRootArn, urlSuffix } from '../../domain/aws/arn';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';

/** What ECR does with a repository's key: envelope encryption of layers, through grants it creates. */
export const ECR_KEY_ACTIONS = ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];

export interface RegistryKeyProps {
  /** The account whose repositories use the key. */
  readonly accountId: string;
  /** The registry's region (ECR only uses keys of its own region). */
  readonly region: string;
  /** @default alias/ecr-repositories */
  readonly aliasName?: string;
  /** Days between scheduling the key's deletion and the deletion: time to notice a mistake. @default 30 */
  readonly deletionWindowInDays?: number;
}

/**
 * The key policy. In a key policy, "Resource": "*" means "this key" (a key policy
 * cannot name any other resource), so it is the one place "*" is right.
 */
export function registryKeyPolicyStatements(accountId: string, region: string): PolicyStatement[] {
  return [
    {
      // The account administers the key through IAM; without this statement the key becomes unmanageable.
      Sid: 'AllowAccountAdministration',
      Effect: 'Allow',
      Principal: { AWS: accountRootArn(accountId, region) },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      // ECR encrypts on behalf of the account's principals that may use ECR: the conditions
      // restrict the key to calls that come through ECR in this region from this account.
      Sid: 'AllowUseThroughEcr',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ECR_KEY_ACTIONS,
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:CallerAccount': accountId,
          'kms:ViaService': `ecr.${region}.${urlSuffix(region)}`,
        },
      },
    },
  ];
}

/** A customer managed key for repositories with KMS encryption: rotation on, usable by ECR only. */
export class RegistryKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: RegistryKeyProps) {
    super(scope, id);
    const deletionWindowInDays = props.deletionWindowInDays ?? 30;
    this.node.addValidation({
      validate: () =>
        Number.isInteger(deletionWindowInDays) && deletionWindowInDays >= 7 && deletionWindowInDays <= 30
          ? []
          : [`'deletionWindowInDays' must be an integer from 7 to 30, got ${deletionWindowInDays}`],
    });
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the ECR repositories of account ${props.accountId} in ${props.region}`,
      enableKeyRotation: true,
      deletionWindowInDays,
      policy: renderPolicy(registryKeyPolicyStatements(props.accountId, props.region)),
    });
    this.alias = new KmsAlias(this, 'alias', { name: props.aliasName ?? 'alias/ecr-repositories', targetKeyId: this.key.keyId });
  }

  get keyArn(): string {
    return this.key.arn;
  }
}
