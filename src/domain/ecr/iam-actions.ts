import { renderPolicy, type PolicyStatement } from '../iam/policy-document';
import { packResources } from '../iam/policy-split';
import { IAM_QUOTAS, policyLength } from '../iam/quotas';
import { show, type Problem } from '../problem';

/**
 * What a `docker pull` needs on the repository, and nothing else ("Private repository policy examples",
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html).
 */
export const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/** What a `docker push` needs besides the pull actions (same page: "allow push"). */
export const ECR_PUSH_ONLY_ACTIONS = ['ecr:CompleteLayerUpload', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'] as const;

/** What a pipeline needs to push an image (and to reuse layers already in the repository), sorted. */
export const ECR_PUSH_ACTIONS: readonly string[] = [...ECR_PULL_ACTIONS, ...ECR_PUSH_ONLY_ACTIONS].sort();

/**
 * What Lambda needs to start a container-image function ("Amazon ECR permissions",
 * https://docs.aws.amazon.com/lambda/latest/dg/images-create.html).
 */
export const LAMBDA_PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

/** Describe and list: what a tool such as the ArgoCD Image Updater needs to find new tags. */
export const ECR_READ_ACTIONS = ['ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:ListTagsForResource'] as const;

export type EcrAccess = 'push' | 'pull' | 'read';

/**
 * A repository ARN, or a prefix pattern ending in `/*` (`repository/faro-rag/*`). Anything
 * broader (`repository/*`, `*`) is refused: that is every image in the account.
 */
const REPOSITORY_ARN = /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/[a-z0-9][a-z0-9._/-]*?(\/\*)?$/;

export function checkRepositoryArns(arns: readonly string[], path = 'repositoryArns'): Problem[] {
  if (arns.length === 0) return [{ path, message: 'must name at least one repository ARN, got []' }];
  return arns.flatMap((arn, i) =>
    REPOSITORY_ARN.test(arn)
      ? []
      : [{ path: `${path}[${i}]`, message: `must be an ECR repository ARN, or one ending in <prefix>/* (never * on its own), got ${show(arn)}` }],
  );
}

/**
 * The statements of each kind of access. `ecr:GetAuthorizationToken` has no resource form,
 * so it is the one action on "*"; every other action is pinned to the repositories.
 */
export function ecrStatements(access: EcrAccess, repositoryArns: readonly string[]): PolicyStatement[] {
  const repositories = [...repositoryArns];
  const token: PolicyStatement = { Sid: 'GetAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' };
  switch (access) {
    case 'push':
      return [token, { Sid: 'PushToRepositories', Effect: 'Allow', Action: [...ECR_PUSH_ACTIONS], Resource: repositories }];
    case 'pull':
      return [token, { Sid: 'PullFromRepositories', Effect: 'Allow', Action: [...ECR_PULL_ACTIONS], Resource: repositories }];
    case 'read':
      return [{ Sid: 'DescribeRepositories', Effect: 'Allow', Action: [...ECR_READ_ACTIONS], Resource: repositories }];
  }
}

/**
 * The repositories of each managed policy of one grant: the exact ARNs while they fit in one
 * policy (IAM: 6,144 characters, ./../iam/quotas.ts); past that the compact form (prefix ARNs
 * where a prefix means exactly the intended repositories), packed into as many policies as it takes.
 */
export function ecrPolicyChunks(access: EcrAccess, exactArns: readonly string[], compactArns: readonly string[] = exactArns): string[][] {
  const render = (chunk: readonly string[]) => renderPolicy(ecrStatements(access, chunk));
  if (policyLength(render(exactArns)) <= IAM_QUOTAS.managedPolicyLength) return [[...exactArns]];
  return packResources(render, [...new Set(compactArns)].sort());
}
