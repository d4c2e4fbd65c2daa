import { show } from '../problem';

/**
 * How images are encrypted at rest: AES-256, or a KMS key (without an ARN: the key the platform
 * creates for repositories, ECR's AWS managed key for creation templates).
 */
export type Encryption = { readonly type: 'AES256' } | { readonly type: 'KMS'; readonly kmsKeyArn?: string };

/**
 * A repository (and a repository creation template, whose repositories live in the registry)
 * can only be encrypted with a KMS key of its own region: "the KMS key must be in the same Region
 * as the repository" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates.html).
 * Undefined when the key's region is the registry's.
 */
export function kmsKeyRegionProblem(kmsKeyArn: string, registryRegion: string): string | undefined {
  const keyRegion = kmsKeyArn.split(':')[3];
  if (keyRegion === registryRegion) return undefined;
  return `must be a key in the registry's region ${registryRegion} (ECR cannot use keys of other regions), got ${show(kmsKeyArn)}`;
}
