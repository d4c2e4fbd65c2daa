/**
 * Actions that have no resource-level permissions: IAM accepts them only with `"Resource": "*"`.
 * Source: Service Authorization Reference, "Actions, resources, and condition keys for Amazon
 * Elastic Container Registry", "... for AWS Key Management Service", "... for AWS Security Token
 * Service" (https://docs.aws.amazon.com/service-authorization/latest/reference/): the Resource
 * types column is empty for each of these. Registry-wide ECR settings (replication, registry
 * policy, registry scanning, pull-through cache rules, creation templates) belong to the account's
 * registry, not to a repository ARN.
 */
export const RESOURCELESS_ACTIONS: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'ecr:DescribeRegistry',
  'ecr:PutReplicationConfiguration',
  'ecr:GetRegistryPolicy',
  'ecr:PutRegistryPolicy',
  'ecr:DeleteRegistryPolicy',
  'ecr:GetRegistryScanningConfiguration',
  'ecr:PutRegistryScanningConfiguration',
  'ecr:CreatePullThroughCacheRule',
  'ecr:DescribePullThroughCacheRules',
  'ecr:UpdatePullThroughCacheRule',
  'ecr:DeletePullThroughCacheRule',
  'ecr:ValidatePullThroughCacheRule',
  'ecr:CreateRepositoryCreationTemplate',
  'ecr:DescribeRepositoryCreationTemplates',
  'ecr:UpdateRepositoryCreationTemplate',
  'ecr:DeleteRepositoryCreationTemplate',
  'kms:CreateKey',
  'kms:ListAliases',
];
