import { Testing, TerraformStack } from 'cdktf';
import { EcrAccessPolicy } from '../../src/constructs/access/ecr-policies';
import { checkRepositoryArns, ecrStatements, type EcrAccess } from '../../src/domain/ecr/iam-actions';
import { testApp } from '../support/temp-dir';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`;

function synthPolicy(access: EcrAccess, repositoryArns: string[]): any {
  const stack = new TerraformStack(testApp(), 'test');
  new EcrAccessPolicy(stack, 'policy', { policyName: 'p', access, repositoryArns });
  const resource = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_iam_policy)[0] as any;
  return { name: resource.name, document: JSON.parse(resource.policy) };
}

describe('EcrAccessPolicy', () => {
  it('push: GetAuthorizationToken on * and the layer and image actions on exactly the given repositories', () => {
    const { name, document } = synthPolicy('push', [ARN('infrastructure'), ARN('faro-rag/*')]);
    expect(name).toBe('p');
    expect(document.Statement).toEqual([
      { Sid: 'GetAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PushToRepositories',
        Effect: 'Allow',
        Action: [
          'ecr:BatchCheckLayerAvailability',
          'ecr:BatchGetImage',
          'ecr:CompleteLayerUpload',
          'ecr:GetDownloadUrlForLayer',
          'ecr:InitiateLayerUpload',
          'ecr:PutImage',
          'ecr:UploadLayerPart',
        ],
        Resource: [ARN('faro-rag/*'), ARN('infrastructure')],
      },
    ]);
  });

  it('pull: only the three pull actions, no push action', () => {
    const { document } = synthPolicy('pull', [ARN('a')]);
    expect(document.Statement[1]).toEqual({
      Sid: 'PullFromRepositories',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: ARN('a'),
    });
    expect(JSON.stringify(document)).not.toMatch(/PutImage|UploadLayerPart/);
  });

  it('read: describe and list on the repositories, and nothing on *', () => {
    const { document } = synthPolicy('read', [ARN('a'), ARN('b')]);
    expect(document.Statement).toEqual([
      {
        Sid: 'DescribeRepositories',
        Effect: 'Allow',
        Action: ['ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:ListTagsForResource'],
        Resource: [ARN('a'), ARN('b')],
      },
    ]);
  });

  it('GetAuthorizationToken is the only action ever on "*"', () => {
    for (const access of ['push', 'pull', 'read'] as const) {
      for (const s of ecrStatements(access, [ARN('a')])) {
        if (s.Resource === '*') expect(s.Action).toBe('ecr:GetAuthorizationToken');
      }
    }
  });

  it.each([
    [[], "'repositoryArns' must name at least one repository ARN, got []"],
    [['*'], `'repositoryArns[0]' must be an ECR repository ARN, or one ending in <prefix>/* (never * on its own), got "*"`],
    [[ARN('*')], "'repositoryArns[0]' must be an ECR repository ARN"],
    [[ARN('faro-*')], "'repositoryArns[0]' must be an ECR repository ARN"],
    [[ARN('a/*/b')], "'repositoryArns[0]' must be an ECR repository ARN"],
    [['arn:aws:s3:::bucket'], "'repositoryArns[0]' must be an ECR repository ARN"],
  ])('refuses %j', (arns, message) => {
    expect(() => synthPolicy('push', arns)).toThrow(message);
  });

  it('accepts repository and prefix ARNs', () => {
    expect(checkRepositoryArns([ARN('a'), ARN('faro-rag/x'), ARN('faro-rag/*')])).toEqual([]);
  });
});
