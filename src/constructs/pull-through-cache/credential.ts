import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { CREDENTIAL_SECRET_PREFIX, type Upstream } from '../../domain/pull-through-cache/upstreams';

export interface UpstreamCredentialProps {
  /** The secret's name; AWS requires it to start with `ecr-pullthroughcache/`. */
  readonly secretName: string;
  /** The registry the credential is for (only used in the description). */
  readonly upstream: Upstream;
  /** The upstream registry's URL (only used in the description). */
  readonly upstreamUrl: string;
  /** Days a deleted secret can still be restored. @default 7 */
  readonly recoveryWindowInDays?: number;
}

/** `pull_through_cache_credential_docker-hub` for prefix `docker-hub`: readable, so `terraform apply -target=...` can name it. */
export function credentialLogicalId(prefix: string): string {
  // "/" and "." are not allowed in Terraform names; AWS prefixes never repeat a separator, so "--" and "__" stay unambiguous.
  return `pull_through_cache_credential_${prefix.replace(/\//g, '--').replace(/\./g, '__')}`;
}

/**
 * The Secrets Manager secret ECR's pull-through cache reads the upstream credential from.
 * It is created WITHOUT a value (no aws_secretsmanager_secret_version), so the credential
 * never passes through Terraform state; the operator sets it once with
 * `aws secretsmanager put-secret-value` (keys `username` and `accessToken`).
 * No KMS key: ECR only reads pull-through cache secrets encrypted with aws/secretsmanager.
 */
export class UpstreamCredential extends Construct {
  readonly secret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: UpstreamCredentialProps) {
    super(scope, id);
    if (!props.secretName.startsWith(CREDENTIAL_SECRET_PREFIX) || props.secretName.length === CREDENTIAL_SECRET_PREFIX.length) {
      throw new Error(`'secretName' must start with "${CREDENTIAL_SECRET_PREFIX}" and name a secret after it, got ${JSON.stringify(props.secretName)}`);
    }
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: props.secretName,
      description:
        `${props.upstream.title} (${props.upstreamUrl}) credential for ECR's pull-through cache, as JSON with the keys ` +
        '"username" and "accessToken". Terraform creates it empty and never holds the value: set it with aws secretsmanager put-secret-value.',
      recoveryWindowInDays: props.recoveryWindowInDays ?? 7,
    });
    this.secret.overrideLogicalId(credentialLogicalId(props.secretName.slice(CREDENTIAL_SECRET_PREFIX.length)));
  }

  get arn(): string {
    return this.secret.arn;
  }
}
