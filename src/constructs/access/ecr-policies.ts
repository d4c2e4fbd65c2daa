import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { renderPolicy } from '../../domain/iam/policy-document';
import { checkRepositoryArns, ecrStatements, type EcrAccess } from '../../domain/ecr/iam-actions';

const DESCRIPTIONS: Record<EcrAccess, string> = {
  push: 'Push images to named ECR repositories',
  pull: 'Pull images from named ECR repositories',
  read: 'Describe and list named ECR repositories and their images',
};

export interface EcrAccessPolicyProps {
  /** IAM policy name. */
  readonly policyName: string;
  readonly access: EcrAccess;
  /** The repositories (ARNs, or prefix ARNs ending in `/*`) the policy covers. */
  readonly repositoryArns: readonly string[];
  /** Changing it replaces the policy (IAM cannot update a description). @default a sentence naming the access */
  readonly description?: string;
}

/** A managed IAM policy granting push, pull-only or read access to named ECR repositories. */
export class EcrAccessPolicy extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: EcrAccessPolicyProps) {
    super(scope, id);
    const problems = checkRepositoryArns(props.repositoryArns);
    if (problems.length) throw new Error(problems.map((p) => `'${p.path}' ${p.message}`).join('\n'));
    this.policy = new IamPolicy(this, 'policy', {
      name: props.policyName,
      description: props.description ?? DESCRIPTIONS[props.access],
      policy: renderPolicy(ecrStatements(props.access, props.repositoryArns)),
    });
  }
}
