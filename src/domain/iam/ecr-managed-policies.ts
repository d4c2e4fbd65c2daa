/**
 * The ECR actions of the AWS managed policies the platform attaches, by policy name (all on
 * Resource "*"). Source: https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html
 * (and each policy's page in the AWS Managed Policy Reference Guide).
 */
export const ECR_MANAGED_POLICIES: Readonly<Record<string, readonly string[]>> = {
  AmazonEC2ContainerRegistryPullOnly: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'],
  AmazonEC2ContainerRegistryReadOnly: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:GetRepositoryPolicy',
    'ecr:DescribeRepositories',
    'ecr:ListImages',
    'ecr:DescribeImages',
    'ecr:BatchGetImage',
    'ecr:GetLifecyclePolicy',
    'ecr:GetLifecyclePolicyPreview',
    'ecr:ListTagsForResource',
    'ecr:DescribeImageScanFindings',
  ],
  AmazonEC2ContainerRegistryPowerUser: [
    'ecr:GetAuthorizationToken',
    'ecr:BatchCheckLayerAvailability',
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchGetImage',
    'ecr:InitiateLayerUpload',
    'ecr:UploadLayerPart',
    'ecr:CompleteLayerUpload',
    'ecr:PutImage',
    'ecr:DescribeRepositories',
    'ecr:ListImages',
    'ecr:DescribeImages',
  ],
  AmazonEC2ContainerRegistryFullAccess: ['ecr:*'],
};

/** The name of an AWS managed policy ARN (`arn:<partition>:iam::aws:policy[/<path>]/<name>`), or undefined for any other ARN. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}
