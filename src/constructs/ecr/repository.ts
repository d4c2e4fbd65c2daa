import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';

export interface RepositoryProps {
  /** Repository name as ECR has it. */
  readonly repositoryName: string;
  /** @default MUTABLE */
  readonly tagMutability?: string;
  /** @default true */
  readonly scanOnPush?: boolean;
}

/** One ECR repository. (Skeleton: issue #3 completes it.) */
export class Repository extends Construct {
  readonly resource: EcrRepository;

  constructor(scope: Construct, id: string, props: RepositoryProps) {
    super(scope, id);
    this.resource = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: props.tagMutability ?? 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
    });
  }
}
