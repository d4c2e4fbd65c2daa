import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { renderPolicy } from '../../domain/iam/policy-document';
import { checkRepositoryArns, ecrPolicyChunks, ecrStatements, type EcrAccess } from '../../domain/ecr/iam-actions';
import { splitPolicyName } from '../../domain/iam/policy-split';
import { count, IAM_QUOTAS, policyLength } from '../../domain/iam/quotas';

const DESCRIPTIONS: Record<EcrAccess, string> = {
  push: 'Push images to named ECR repositories',
  pull: 'Pull images from named ECR repositories',
  read: 'Describe and list named ECR repositories and their images',
};

export interface EcrAccessPolicyProps {
  /** IAM policy name; a split adds -2, -3, ... for the policies after the first. */
  readonly policyName: string;
  readonly access: EcrAccess;
  /** The repositories (ARNs, or prefix ARNs ending in `/*`) the policy covers. */
  readonly repositoryArns: readonly string[];
  /**
   * The same repositories with prefix ARNs where a prefix means exactly them, used when
   * `repositoryArns` do not fit in one policy. @default repositoryArns
   */
  readonly compactRepositoryArns?: readonly string[];
  /** Changing it replaces the policy (IAM cannot update a description). @default a sentence naming the access */
  readonly description?: string;
}

/**
 * Managed IAM policies granting push, pull-only or read access to named ECR repositories.
 * One policy while the ARNs fit in IAM's 6,144 characters; past that, prefix ARNs and as
 * many policies as it takes (attach every one of `policies`). The first policy keeps its ID
 * and name, so a grant that grows past one policy replaces nothing.
 */
export class EcrAccessPolicy extends Construct {
  /** The first policy. */
  readonly policy: IamPolicy;
  /** Every policy of the grant, the first one first. */
  readonly policies: readonly IamPolicy[];

  constructor(scope: Construct, id: string, props: EcrAccessPolicyProps) {
    super(scope, id);
    const problems = [...checkRepositoryArns(props.repositoryArns), ...checkRepositoryArns(props.compactRepositoryArns ?? props.repositoryArns, 'compactRepositoryArns')];
    if (problems.length) throw new Error(problems.map((p) => `'${p.path}' ${p.message}`).join('\n'));
    const chunks = ecrPolicyChunks(props.access, props.repositoryArns, props.compactRepositoryArns);
    this.policies = chunks.map((chunk, i) => {
      const name = splitPolicyName(props.policyName, i);
      const document = renderPolicy(ecrStatements(props.access, chunk));
      const policy = new IamPolicy(this, i === 0 ? 'policy' : `policy-${i + 1}`, {
        name,
        description: props.description ?? DESCRIPTIONS[props.access],
        policy: document,
      });
      // The last word at synth: IAM refuses a longer managed policy at apply.
      const length = policyLength(document);
      policy.node.addValidation({
        validate: () =>
          length > IAM_QUOTAS.managedPolicyLength
            ? [`managed policy '${name}' must be at most ${count(IAM_QUOTAS.managedPolicyLength)} characters (white space not counted), got ${count(length)}`]
            : [],
      });
      return policy;
    });
    this.policy = this.policies[0];
  }
}
