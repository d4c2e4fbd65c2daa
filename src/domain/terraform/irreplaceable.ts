/**
 * Resources a plan must not destroy or replace without someone saying so (`npm run plan --
 * --allow-destroy`): what is lost with them cannot be brought back by the next apply.
 * A replacement is a destroy too: Terraform deletes the old object (before or after creating
 * the new one). Resources whose replacement loses nothing, such as a lifecycle policy (provider
 * 5.100.0 replaces aws_ecr_lifecycle_policy on any change of its text), are not listed.
 */
export const IRREPLACEABLE: Readonly<Record<string, string>> = {
  // ECR DeleteRepository: "you must either delete all images in the repository or use the force
  // option", and the images are gone with it (ECR API Reference, DeleteRepository).
  aws_ecr_repository: 'a repository: its images are deleted with it (or the destroy fails while it has any)',
  // KMS ScheduleKeyDeletion: "After the waiting period ends, AWS KMS deletes the KMS key ... data
  // encrypted under the KMS key is unrecoverable" (KMS Developer Guide, Deleting AWS KMS keys).
  aws_kms_key: 'a KMS key: what it encrypted cannot be decrypted once it is deleted',
  // Every role that trusts token.actions.githubusercontent.com names the provider's ARN; while it is
  // gone no workflow can assume them (IAM User Guide, Creating OpenID Connect (OIDC) identity providers).
  aws_iam_openid_connect_provider: 'the GitHub OIDC provider: no CI role can be assumed while it is replaced',
  // The only bucket the platform creates is the state bucket, which holds every stack's state.
  aws_s3_bucket: 'the state bucket: it holds the state of every stack',
};
