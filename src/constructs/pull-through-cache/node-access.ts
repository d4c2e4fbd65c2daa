import { Construct } from 'constructs';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';
import { ECR_PULL_ACTIONS } from '../../domain/ecr/iam-actions';

/**
 * The managed policy for nodes that pull: it includes ecr:BatchImportUpstreamImage, which the
 * first pull of an upstream image needs. AmazonEC2ContainerRegistryReadOnly does not.
 */
export const PULL_ONLY_POLICY_NAME = 'AmazonEC2ContainerRegistryPullOnly';

export function pullOnlyPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/${PULL_ONLY_POLICY_NAME}`;
}

export interface NodeAccessProps {
  /** Names of existing IAM roles (EKS node roles) in the registry's account. */
  readonly roleNames: readonly string[];
  /** ARN partition of the registry's region. @default aws */
  readonly partition?: string;
}

/**
 * Attaches AmazonEC2ContainerRegistryPullOnly to the EKS node roles: kubelet pulls images with
 * the node role, never with a pod's role, so this is where pull permissions must be.
 * One attachment per role, with the role name in its ID (reordering the list replaces nothing).
 */
export class NodeAccess extends Construct {
  readonly attachments: Record<string, IamRolePolicyAttachment> = {};

  constructor(scope: Construct, id: string, props: NodeAccessProps) {
    super(scope, id);
    const policyArn = pullOnlyPolicyArn(props.partition ?? 'aws');
    for (const roleName of new Set(props.roleNames)) {
      this.attachments[roleName] = new IamRolePolicyAttachment(this, `pull-only-${roleName}`, { role: roleName, policyArn });
    }
  }
}

export interface CachePrincipals {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Cache prefixes. */
  readonly prefixes: readonly string[];
  /** Node roles in the registry's account. */
  readonly nodeRoleNames: readonly string[];
  /** Other accounts whose principals pull through the cache. */
  readonly accounts: readonly string[];
}

/** Principal ARNs: the node roles, and the other accounts as `:root`. */
export function cachePrincipalArns(principals: Omit<CachePrincipals, 'prefixes' | 'region'>): string[] {
  return [
    ...principals.nodeRoleNames.map((name) => `arn:${principals.partition}:iam::${principals.accountId}:role/${name}`),
    ...principals.accounts.map((account) => `arn:${principals.partition}:iam::${account}:root`),
  ];
}

export const REGISTRY_POLICY_SID = 'PullThroughCacheCreateAndImport';

/**
 * The registry-policy statement the first pull of an upstream image needs: ECR creates the
 * repository (ecr:CreateRepository) and imports the image (ecr:BatchImportUpstreamImage) as
 * the principal that pulls. Scoped to `repository/<prefix>/*` and to the configured principals.
 * Empty without prefixes or principals.
 */
export function cacheRegistryStatements(principals: CachePrincipals): PolicyStatement[] {
  const arns = cachePrincipalArns(principals);
  if (!principals.prefixes.length || !arns.length) return [];
  return [
    {
      Sid: REGISTRY_POLICY_SID,
      Effect: 'Allow',
      Principal: { AWS: arns },
      Action: ['ecr:CreateRepository', 'ecr:BatchImportUpstreamImage'],
      Resource: principals.prefixes.map((prefix) => `arn:${principals.partition}:ecr:${principals.region}:${principals.accountId}:repository/${prefix}/*`),
    },
  ];
}

/**
 * Repository policy for the repositories the cache creates, when other accounts pull through it:
 * the registry policy lets them create and import, this lets them read the result.
 * undefined when there are no other accounts (the node roles read through their own policy).
 */
export function cachedRepositoryPolicy(partition: string, accounts: readonly string[]): string | undefined {
  if (!accounts.length) return undefined;
  return renderPolicy([
    {
      Sid: 'CrossAccountPullThroughCache',
      Effect: 'Allow',
      Principal: { AWS: accounts.map((account) => `arn:${partition}:iam::${account}:root`) },
      Action: [...ECR_PULL_ACTIONS],
    },
  ]);
}
