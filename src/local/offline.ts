/**
 * What makes a synthesized stack plan offline, as an override file beside its cdk.tf.json
 * (which stays as synthesized): a local backend instead of S3, and an AWS provider that makes no
 * call before the plan: dummy keys, no credential check (STS), no account-ID lookup, no EC2
 * metadata, no region check, and no role to assume. `allowed_account_ids` is lifted too: the
 * provider checks it against the account STS returns, and an offline plan has none to ask, so
 * with it the plan fails with "AWS account ID not allowed".
 */
export const OFFLINE_OVERRIDE_FILE = 'offline_override.tf.json';

const OFFLINE_PROVIDER = {
  access_key: 'offline-plan',
  secret_key: 'offline-plan',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  allowed_account_ids: null,
};

/**
 * The override for a stack's Terraform JSON: one entry per AWS provider block (matched by alias),
 * and an empty role ARN where the block assumes a role (the provider then assumes none).
 */
export function offlineOverride(stackJson: { provider?: { aws?: Array<Record<string, unknown>> } }, statePath = 'terraform.tfstate'): Record<string, unknown> {
  const providers = stackJson.provider?.aws?.length ? stackJson.provider.aws : [{}];
  return {
    terraform: { backend: { local: { path: statePath } } },
    provider: {
      aws: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        ...OFFLINE_PROVIDER,
        ...(p.assume_role ? { assume_role: [{ role_arn: '' }] } : {}),
      })),
    },
  };
}

/** The environment of an offline terraform run: no AWS settings of the caller's (profile, keys, region) reach it. An empty cliConfigFile: Terraform's default. */
export function offlineEnv(base: Readonly<Record<string, string | undefined>>, cliConfigFile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined && !key.startsWith('AWS_')) env[key] = value;
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', ...(cliConfigFile ? { TF_CLI_CONFIG_FILE: cliConfigFile } : {}), TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}
