/**
 * What the platform's deploy role may do: deploy every stack of this platform, and little else.
 * Scoped by ARN wherever IAM allows (RESOURCELESS_ACTIONS are the exceptions, on "*"):
 * - state: the state bucket and its objects (no s3:DeleteBucket: CI never deletes the state bucket);
 * - ECR: repositories of this account and region, and the registry-wide settings;
 * - IAM: roles and policies named by the configuration (or prefixed with the project), the GitHub
 *   OIDC provider, PassRole of the pull-through cache's template role to ECR only;
 * - Secrets Manager: ecr-pullthroughcache/* secrets (created empty: no GetSecretValue, no PutSecretValue);
 * - KMS: keys of this account and region and the project's aliases;
 * - EKS: DescribeCluster of the configured clusters.
 */
import type { PolicyStatement } from './policy-document';
import { RESOURCELESS_ACTIONS } from './resourceless-actions';

export interface DeployScope {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  readonly project: string;
  readonly stateBucket: string;
  /** Roles the stacks create or attach policies to (CI roles, Image Updater, node roles, the deploy role itself). */
  readonly roleNames: readonly string[];
  /** EKS clusters the workloads stacks read. */
  readonly clusterNames: readonly string[];
}

export function deployStatements(scope: DeployScope): PolicyStatement[] {
  const { partition, accountId, region, project } = scope;
  const iam = (resource: string) => `arn:${partition}:iam::${accountId}:${resource}`;
  const bucket = `arn:${partition}:s3:::${scope.stateBucket}`;
  const roles = [...new Set([...scope.roleNames, `${project}-*`])].sort().map((name) => iam(`role/${name}`));
  const statements: PolicyStatement[] = [
    {
      Sid: 'StateBucket',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:CreateBucket', 's3:GetBucket*', 's3:PutBucket*', 's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:GetReplicationConfiguration', 's3:GetAccelerateConfiguration'],
      Resource: bucket,
    },
    { Sid: 'StateObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucket}/*` },
    {
      Sid: 'Repositories',
      Effect: 'Allow',
      Action: [
        'ecr:CreateRepository', 'ecr:DeleteRepository', 'ecr:DescribeRepositories', 'ecr:ListTagsForResource', 'ecr:TagResource', 'ecr:UntagResource',
        'ecr:PutImageTagMutability', 'ecr:PutImageScanningConfiguration', 'ecr:GetLifecyclePolicy', 'ecr:PutLifecyclePolicy', 'ecr:DeleteLifecyclePolicy',
        'ecr:GetRepositoryPolicy', 'ecr:SetRepositoryPolicy', 'ecr:DeleteRepositoryPolicy',
      ],
      Resource: `arn:${partition}:ecr:${region}:${accountId}:repository/*`,
    },
    { Sid: 'RegistrySettings', Effect: 'Allow', Action: [...RESOURCELESS_ACTIONS].sort(), Resource: '*' },
    {
      Sid: 'Roles',
      Effect: 'Allow',
      Action: [
        'iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole',
        'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
      ],
      Resource: roles,
    },
    {
      Sid: 'Policies',
      Effect: 'Allow',
      Action: ['iam:CreatePolicy', 'iam:DeletePolicy', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyVersions', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion', 'iam:TagPolicy', 'iam:UntagPolicy'],
      Resource: [iam('policy/*-ecr-*'), iam(`policy/${project}-*`)],
    },
    {
      Sid: 'GithubOidcProvider',
      Effect: 'Allow',
      Action: [
        'iam:CreateOpenIDConnectProvider', 'iam:GetOpenIDConnectProvider', 'iam:DeleteOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider',
        'iam:UntagOpenIDConnectProvider', 'iam:UpdateOpenIDConnectProviderThumbprint', 'iam:AddClientIDToOpenIDConnectProvider', 'iam:RemoveClientIDFromOpenIDConnectProvider',
      ],
      Resource: iam('oidc-provider/token.actions.githubusercontent.com'),
    },
    {
      Sid: 'PassTemplateRoleToEcr',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: iam(`role/${project}-ptc-template-*`),
      Condition: { StringEquals: { 'iam:PassedToService': 'ecr.amazonaws.com' } },
    },
    {
      Sid: 'PullThroughCacheSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:TagResource', 'secretsmanager:UntagResource', 'secretsmanager:UpdateSecret', 'secretsmanager:RestoreSecret'],
      Resource: `arn:${partition}:secretsmanager:${region}:${accountId}:secret:ecr-pullthroughcache/*`,
    },
    {
      Sid: 'Keys',
      Effect: 'Allow',
      Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: [`arn:${partition}:kms:${region}:${accountId}:key/*`, `arn:${partition}:kms:${region}:${accountId}:alias/${project}-*`],
    },
  ];
  if (scope.clusterNames.length) {
    statements.push({ Sid: 'Clusters', Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: [...scope.clusterNames].sort().map((name) => `arn:${partition}:eks:${region}:${accountId}:cluster/${name}`) });
  }
  return statements;
}
