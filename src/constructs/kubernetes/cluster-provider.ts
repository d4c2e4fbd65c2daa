import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';

/** A kubeconfig file (and context), or an EKS cluster by name with its token fetched at each run (`exec`, the default) or read into the plan and state (`token`). */
export type ClusterAccess =
  | { readonly kubeconfig: { readonly path: string; readonly context?: string } }
  | { readonly eksClusterName: string; readonly eksAuth?: 'token' | 'exec' };

export interface ClusterProviderProps {
  /** A kubeconfig path and context, or an EKS cluster name. */
  readonly access: ClusterAccess;
  /** Region of the EKS cluster, for `aws eks get-token` (eksAuth: exec). */
  readonly region: string;
  /** A role `aws eks get-token` assumes, the same one the AWS provider assumes. @default none */
  readonly assumeRoleArn?: string;
}

/**
 * The kubernetes provider, configured from the configuration and nothing else:
 * a kubeconfig (path and context), or an EKS cluster found by name through the AWS
 * provider (endpoint and CA from aws_eks_cluster, the token from `aws eks get-token` at each
 * run, or, when asked for, from aws_eks_cluster_auth, which Terraform keeps in the plan and state).
 */
export class ClusterProvider extends Construct {
  readonly provider: KubernetesProvider;
  readonly cluster?: DataAwsEksCluster;
  readonly clusterAuth?: DataAwsEksClusterAuth;

  constructor(scope: Construct, id: string, props: ClusterProviderProps) {
    super(scope, id);
    const { access } = props;
    if ('kubeconfig' in access) {
      this.provider = new KubernetesProvider(this, 'kubernetes', {
        configPath: access.kubeconfig.path,
        configContext: access.kubeconfig.context,
      });
      return;
    }

    const name = access.eksClusterName;
    this.cluster = new DataAwsEksCluster(this, 'eks-cluster', { name });
    const connection = {
      host: this.cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(this.cluster.certificateAuthority.get(0).data),
    };
    if ((access.eksAuth ?? 'exec') === 'exec') {
      // The token is fetched at each run and never written to the plan or the state.
      this.provider = new KubernetesProvider(this, 'kubernetes', {
        ...connection,
        exec: [
          {
            apiVersion: 'client.authentication.k8s.io/v1beta1',
            command: 'aws',
            args: ['eks', 'get-token', '--cluster-name', name, '--region', props.region, ...(props.assumeRoleArn ? ['--role-arn', props.assumeRoleArn] : [])],
          },
        ],
      });
    } else {
      this.clusterAuth = new DataAwsEksClusterAuth(this, 'eks-cluster-auth', { name });
      this.provider = new KubernetesProvider(this, 'kubernetes', { ...connection, token: this.clusterAuth.token });
    }
  }
}
