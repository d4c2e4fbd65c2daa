import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { checkLifecyclePolicy, renderLifecyclePolicy, type LifecyclePolicy } from '../../domain/ecr/lifecycle-rules';
import type { Encryption } from '../../domain/ecr/encryption-rules';
import { grantsAnything, RepositoryPolicy, type RepositoryAccess } from './repository-policy';
import { repositoryNameProblems, tagMutabilityProblem } from '../../domain/ecr/repository-rules';

export interface RepositoryProps {
  /** Repository name as ECR has it: 2-256 characters of lower-case letters and digits separated by single ".", "_", "-" or "/". */
  readonly repositoryName: string;
  /** MUTABLE or IMMUTABLE. @default MUTABLE */
  readonly tagMutability?: string;
  /** @default true */
  readonly scanOnPush?: boolean;
  /**
   * `{ type: 'AES256' }` (S3-managed keys) or `{ type: 'KMS', kmsKeyArn? }` (without an ARN: the AWS managed
   * key aws/ecr). A key ARN with AES256 cannot be written. @default { type: 'AES256' }
   */
  readonly encryption?: Encryption;
  /** Let `terraform destroy` delete a repository that still has images. @default false */
  readonly forceDelete?: boolean;
  /** @default no lifecycle policy */
  readonly lifecyclePolicy?: LifecyclePolicy;
  /** Who may pull and push besides IAM principals of the account. @default no repository policy */
  readonly access?: RepositoryAccess;
  /** Region of the repository: required when `access` grants something (account ARNs and Lambda's grant depend on it). */
  readonly region?: string;
  /** @default no tags besides the provider's default tags */
  readonly tags?: Record<string, string>;
  /**
   * Take over an existing repository: a Terraform import block (by repository name) makes the
   * first plan import it instead of creating it. Its lifecycle policy is written, not imported:
   * creating aws_ecr_lifecycle_policy is PutLifecyclePolicy, which replaces whatever policy the
   * repository has, and works on one that has none, where an import fails ("Cannot import
   * non-existent remote object"); an imported policy whose text differs would be replaced
   * anyway, since the provider's `policy` argument forces a new resource.
   * @default false
   */
  readonly adopt?: boolean;
}

/** One ECR repository with its lifecycle policy and, when something is granted, its repository policy. */
export class Repository extends Construct {
  readonly resource: EcrRepository;
  readonly lifecyclePolicy?: EcrLifecyclePolicy;
  readonly policy?: RepositoryPolicy;
  readonly repositoryName: string;

  constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    this.repositoryName = props.repositoryName;
    const encryption = props.encryption ?? { type: 'AES256' };
    this.node.addValidation({ validate: () => validateRepositoryProps(props) });

    this.resource = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: props.tagMutability ?? 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [{ encryptionType: encryption.type, ...(encryption.type === 'KMS' && encryption.kmsKeyArn ? { kmsKey: encryption.kmsKeyArn } : {}) }],
      forceDelete: props.forceDelete ?? false,
      ...(props.tags && Object.keys(props.tags).length ? { tags: props.tags } : {}),
    });
    if (props.adopt) this.resource.importFrom(props.repositoryName);

    if (props.lifecyclePolicy) {
      this.lifecyclePolicy = new EcrLifecyclePolicy(this, 'lifecycle-policy', {
        repository: this.resource.name,
        policy: renderLifecyclePolicy(props.lifecyclePolicy),
      });
    }

    if (grantsAnything(props.access) && props.region) {
      this.policy = new RepositoryPolicy(this, 'policy', { ...props.access, repository: this.resource.name, region: props.region });
    }
  }

  get repositoryUrl(): string {
    return this.resource.repositoryUrl;
  }

  get repositoryArn(): string {
    return this.resource.arn;
  }
}

/** Props checks in aws-cdk's form ("'<prop>' must ..., got ..."). */
export function validateRepositoryProps(props: RepositoryProps): string[] {
  const errors = repositoryNameProblems(props.repositoryName).map((message) => `'repositoryName' ${message}`);
  const mutability = props.tagMutability === undefined ? undefined : tagMutabilityProblem(props.tagMutability);
  if (mutability) errors.push(`'tagMutability' ${mutability}`);
  if (grantsAnything(props.access) && !props.region) errors.push("'region' must be set when 'access' grants something, got nothing");
  if (props.lifecyclePolicy) {
    for (const problem of checkLifecyclePolicy(props.lifecyclePolicy, props.repositoryName)) {
      errors.push(`'lifecyclePolicy${problem.path.startsWith('[') || !problem.path ? '' : '.'}${problem.path}' ${problem.message}`);
    }
  }
  return errors;
}
