import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { renderPolicy } from '../../domain/iam/policy-document';
import { constructErrorMessage } from '../../domain/github/subjects';
import { checkPodRoleBinding, podTrustStatements, type PodRoleBinding } from '../../domain/eks/pod-role-binding';

export interface ImageUpdaterRoleProps extends PodRoleBinding {
  /** IAM role name. */
  readonly roleName: string;
  /** The account that holds the role and the cluster. */
  readonly accountId: string;
  /** @default aws */
  readonly partition?: string;
}

/**
 * The role the ArgoCD Image Updater assumes to read the registry, through EKS Pod
 * Identity (with the association) or IRSA (annotate the service account with the role ARN).
 * Attach permissions with EcrAccessPolicy.
 */
export class ImageUpdaterRole extends Construct {
  readonly role: IamRole;
  readonly podIdentityAssociation?: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: ImageUpdaterRoleProps) {
    super(scope, id);
    const problems = checkPodRoleBinding(props);
    if (problems.length) throw new Error(constructErrorMessage(problems));

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `ArgoCD Image Updater (${props.clusterName} ${props.namespace}/${props.serviceAccount}): read ECR`,
      assumeRolePolicy: renderPolicy(podTrustStatements(props, { accountId: props.accountId, partition: props.partition ?? 'aws' })),
    });
    if (props.mechanism === 'pod-identity') {
      this.podIdentityAssociation = new EksPodIdentityAssociation(this, 'pod-identity', {
        clusterName: props.clusterName,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.arn,
      });
    }
  }
}
