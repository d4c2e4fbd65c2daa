/**
 * The few AWS API calls the local runs make besides Terraform, sent straight to a
 * local AWS API (moto): it does not check signatures, and reads the region from the
 * Authorization header's credential scope, so a placeholder header is enough.
 */
function authorization(region: string, service: string): string {
  return `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=local`;
}

async function send(url: string, init: RequestInit, what: string): Promise<string> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} failed with HTTP ${response.status}: ${text}`);
  return text;
}

/** A JSON-protocol call (ECR, KMS, Secrets Manager): `target` like AmazonEC2ContainerRegistry_V20150921.PutImage. */
export async function awsJson(endpoint: string, region: string, service: string, target: string, body: unknown): Promise<Record<string, unknown>> {
  const text = await send(
    endpoint,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, Authorization: authorization(region, service) },
      body: JSON.stringify(body),
    },
    target,
  );
  return text ? JSON.parse(text) : {};
}

/** Keys of the objects in a bucket (path-style ListObjectsV2). */
export async function listObjectKeys(endpoint: string, region: string, bucket: string): Promise<string[]> {
  const xml = await send(`${endpoint}/${bucket}?list-type=2`, { headers: { Authorization: authorization(region, 's3') } }, `ListObjectsV2 ${bucket}`);
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
}

export async function deleteBucketPolicy(endpoint: string, region: string, bucket: string): Promise<void> {
  await send(`${endpoint}/${bucket}?policy`, { method: 'DELETE', headers: { Authorization: authorization(region, 's3') } }, `DeleteBucketPolicy ${bucket}`);
}

export async function createBucket(endpoint: string, region: string, bucket: string): Promise<void> {
  const body = region === 'us-east-1' ? '' : `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
  await send(`${endpoint}/${bucket}`, { method: 'PUT', headers: { Authorization: authorization(region, 's3') }, body }, `CreateBucket ${bucket}`);
}

/** The region a bucket is in (GetBucketLocation; an empty constraint means us-east-1). */
export async function bucketRegion(endpoint: string, bucket: string): Promise<string> {
  const xml = await send(`${endpoint}/${bucket}?location`, { headers: { Authorization: authorization('us-east-1', 's3') } }, `GetBucketLocation ${bucket}`);
  return /<LocationConstraint[^>]*>([^<]+)<\/LocationConstraint>/.exec(xml)?.[1] ?? 'us-east-1';
}

const ECR = 'AmazonEC2ContainerRegistry_V20150921';

/** Pushes a one-layer image manifest to a repository (PutImage), as a registry client would after uploading its layers. */
export async function putImage(endpoint: string, region: string, repositoryName: string, tag: string): Promise<void> {
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 7023, digest: `sha256:${'a'.repeat(64)}` },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 32654, digest: `sha256:${'b'.repeat(64)}` }],
  };
  await awsJson(endpoint, region, 'ecr', `${ECR}.PutImage`, { repositoryName, imageManifest: JSON.stringify(manifest), imageTag: tag });
}

export async function describeRepositories(endpoint: string, region: string): Promise<Array<{ repositoryName: string; repositoryArn: string }>> {
  const result = await awsJson(endpoint, region, 'ecr', `${ECR}.DescribeRepositories`, {});
  return (result.repositories as Array<{ repositoryName: string; repositoryArn: string }> | undefined) ?? [];
}

/** Makes a repository as a hand-written `aws_ecr_repository` would (CreateRepository). */
export async function createRepository(
  endpoint: string,
  region: string,
  repository: { name: string; tagMutability?: 'MUTABLE' | 'IMMUTABLE'; scanOnPush?: boolean; kmsKey?: string; tags?: Readonly<Record<string, string>> },
): Promise<{ repositoryArn: string }> {
  const result = await awsJson(endpoint, region, 'ecr', `${ECR}.CreateRepository`, {
    repositoryName: repository.name,
    imageTagMutability: repository.tagMutability ?? 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush ?? false },
    encryptionConfiguration: repository.kmsKey ? { encryptionType: 'KMS', kmsKey: repository.kmsKey } : { encryptionType: 'AES256' },
    ...(repository.tags ? { tags: Object.entries(repository.tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
  });
  return result.repository as { repositoryArn: string };
}

export async function putLifecyclePolicy(endpoint: string, region: string, repositoryName: string, policy: unknown): Promise<void> {
  await awsJson(endpoint, region, 'ecr', `${ECR}.PutLifecyclePolicy`, { repositoryName, lifecyclePolicyText: JSON.stringify(policy) });
}

export async function describeRepositoryDetails(
  endpoint: string,
  region: string,
): Promise<Array<{ repositoryName: string; imageTagMutability: string; encryptionConfiguration: { encryptionType: string; kmsKey?: string } }>> {
  const result = await awsJson(endpoint, region, 'ecr', `${ECR}.DescribeRepositories`, {});
  return (result.repositories as never) ?? [];
}

/** A customer managed KMS key (CreateKey), as an old setup's `aws_kms_key` made it. */
export async function createKmsKey(endpoint: string, region: string, description: string): Promise<string> {
  const result = await awsJson(endpoint, region, 'kms', 'TrentService.CreateKey', { Description: description });
  return (result.KeyMetadata as { Arn: string }).Arn;
}

/** An IAM query-protocol call (form-encoded POST), e.g. CreateOpenIDConnectProvider. */
async function iamQuery(endpoint: string, action: string, parameters: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: '2010-05-08', ...parameters });
  return send(
    endpoint,
    { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: authorization('us-east-1', 'iam') }, body: body.toString() },
    action,
  );
}

/** The GitHub OIDC provider as an old setup's `aws_iam_openid_connect_provider` made it; returns its ARN. */
export async function createOidcProvider(endpoint: string, url: string, clientIds: readonly string[], thumbprints: readonly string[]): Promise<string> {
  const parameters: Record<string, string> = { Url: url };
  clientIds.forEach((id, index) => (parameters[`ClientIDList.member.${index + 1}`] = id));
  thumbprints.forEach((thumbprint, index) => (parameters[`ThumbprintList.member.${index + 1}`] = thumbprint));
  const xml = await iamQuery(endpoint, 'CreateOpenIDConnectProvider', parameters);
  const arn = /<OpenIDConnectProviderArn>([^<]+)<\/OpenIDConnectProviderArn>/.exec(xml)?.[1];
  if (!arn) throw new Error(`CreateOpenIDConnectProvider returned no ARN: ${xml}`);
  return arn;
}

export async function listOidcProviders(endpoint: string): Promise<string[]> {
  const xml = await iamQuery(endpoint, 'ListOpenIDConnectProviders', {});
  return [...xml.matchAll(/<Arn>([^<]+)<\/Arn>/g)].map((m) => m[1]);
}

export async function listImageTags(endpoint: string, region: string, repositoryName: string): Promise<string[]> {
  const result = await awsJson(endpoint, region, 'ecr', `${ECR}.ListImages`, { repositoryName });
  return ((result.imageIds as Array<{ imageTag?: string }> | undefined) ?? []).flatMap((id) => (id.imageTag ? [id.imageTag] : []));
}

/** The names of the managed policies attached to a role. */
export async function listAttachedRolePolicies(endpoint: string, roleName: string): Promise<string[]> {
  const xml = await iamQuery(endpoint, 'ListAttachedRolePolicies', { RoleName: roleName, MaxItems: '1000' });
  return [...xml.matchAll(/<PolicyName>([^<]+)<\/PolicyName>/g)].map((m) => m[1]);
}

/** Creates an IAM role, standing in for a role that exists before the platform (a pull principal). */
export async function createRole(endpoint: string, roleName: string, trustedService = 'ec2.amazonaws.com'): Promise<void> {
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: trustedService }, Action: 'sts:AssumeRole' }] });
  await iamQuery(endpoint, 'CreateRole', { RoleName: roleName, AssumeRolePolicyDocument: trust });
}
