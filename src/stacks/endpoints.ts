import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { S3BackendConfig } from 'cdktf';
import { ENDPOINT_SERVICES, type EndpointsConfig } from '../config/schema/endpoints';

/**
 * `aws.endpoints` as AWS provider settings. Nothing when unset, so the synthesized
 * provider block of a configuration without endpoints stays exactly as it was.
 */
export function providerEndpoints(endpoints: EndpointsConfig | undefined): Pick<AwsProviderConfig, 'endpoints' | 's3UsePathStyle'> {
  if (!endpoints) return {};
  const urls = Object.fromEntries(ENDPOINT_SERVICES.filter((service) => endpoints[service]).map((service) => [service, endpoints[service]]));
  return {
    ...(Object.keys(urls).length ? { endpoints: [urls] } : {}),
    ...(endpoints.s3UsePathStyle ? { s3UsePathStyle: true } : {}),
  };
}

/**
 * `aws.endpoints` as S3 backend settings: the backend talks to S3 (state and lock file),
 * STS (who the caller is) and IAM (assume-role); the other services are the provider's.
 */
export function backendEndpoints(endpoints: EndpointsConfig | undefined): Pick<S3BackendConfig, 'endpoints' | 'usePathStyle'> {
  if (!endpoints) return {};
  const urls = Object.fromEntries((['s3', 'sts', 'iam'] as const).filter((service) => endpoints[service]).map((service) => [service, endpoints[service]]));
  return {
    ...(Object.keys(urls).length ? { endpoints: urls } : {}),
    ...(endpoints.s3UsePathStyle ? { usePathStyle: true } : {}),
  };
}
