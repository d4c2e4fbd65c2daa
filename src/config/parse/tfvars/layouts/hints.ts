/** What a missing tfvars variable (or repository attribute) is for, and the line that adds it: for the messages. */
import type { VariableHint } from '../types';

/** What a missing variable or attribute is for, and the line that adds it. */
export const VARIABLE_HINTS: Record<string, VariableHint> = {
  account_id: { what: 'the 12-digit AWS account that owns the registry', example: 'account_id = "123456789012"' },
  kms_key_arn: {
    what:
      'the KMS key the existing repositories are encrypted with; without it the registry stack would make a new key and replace every repository. ' +
      "aws ecr describe-repositories --query 'repositories[].encryptionConfiguration.kmsKey' shows it",
    example: 'kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
  },
  region: { what: 'the AWS region of the registry', example: 'region = "eu-central-1"' },
  project: { what: 'a short project name for tags and names, lower-case', example: 'project = "my-project"' },
  owner: { what: 'the team that owns the platform, for the Owner tag', example: 'owner = "platform-team"' },
  state_bucket: { what: "the S3 bucket for the platform's Terraform state", example: 'state_bucket = "my-project-terraform-state"' },
  bucket: { what: 'the S3 bucket that holds the Terraform state', example: 'bucket = "my-terraform-state"' },
  repository_names: { what: 'the ECR repositories to manage', example: 'repository_names = ["my-web-app"]' },
  name: { what: 'the repository name, the {name} in {project}-{name}-{environment}', example: 'name = "ecr"' },
  environment: { what: 'the environment, the {environment} in {project}-{name}-{environment}', example: 'environment = "mgmt"' },
  'repository.name': { what: 'the repository name', example: 'name = "infrastructure"' },
  'repository.tag_mutability': { what: '"MUTABLE" or "IMMUTABLE"', example: 'tag_mutability = "IMMUTABLE"' },
  'repository.lifecycle_tag_count': { what: 'how many release-tagged images to keep', example: 'lifecycle_tag_count = 20' },
  'repository.lifecycle_untagged_days': { what: 'after how many days untagged images expire', example: 'lifecycle_untagged_days = 7' },
};

export function hintFor(path: readonly PropertyKey[]): VariableHint | undefined {
  return path.length === 1 ? VARIABLE_HINTS[String(path[0])] : VARIABLE_HINTS[`repository.${String(path[path.length - 1])}`];
}
