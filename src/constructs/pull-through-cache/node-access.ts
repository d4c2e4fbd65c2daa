import { Construct } from 'constructs';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';
import { count, IAM_QUOTAS, policyLength } from '../../domain/iam/quotas';
import { ECR_PULL_ACTIONS } from '../../domain/ecr/iam-actions';
import { fitRepositoryArns } from '../../domain/ecr/repository-arn-sets';

/** Name of the inline policy on each node role. */
export const NODE_PULL_POLICY_NAME = 'ecr-pull-platform-and-cache';

export interface NodeAccessProps {
  /** Names of existing IAM roles (EKS node roles) in the registry's account. */
  readonly roleNames: readonly string[];
  /** ARN partition, account and region of the registry. */
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Pull-through cache prefixes: nodes may pull, and import on first pull, under `repository/<prefix>/*`. */
  readonly cachePrefixes: readonly string[];
  /** The platform's repositories (ARNs) nodes may pull from. @default none */
  readonly repositoryArns?: readonly string[];
}

/**
 * The node roles' pull permissions, scoped: kubelet pulls with the node role, never with a pod's role.
 * AWS's AmazonEC2ContainerRegistryPullOnly grants the same actions on Resource "*" (every repository
 * of every account that lets the role in); this grants them on the cache prefixes and the platform's
 * repositories only. ecr:BatchImportUpstreamImage (the first pull of an upstream image) only under the
 * cache prefixes; ecr:GetAuthorizationToken has no resource form. Repositories are named one by one
 * while the policy fits IAM's quota; beyond that, those that share a namespace become `<namespace>/*`.
 */
export function nodePullStatements(props: Omit<NodeAccessProps, 'roleNames'>): PolicyStatement[] {
  const arn = (resource: string) => `arn:${props.partition}:ecr:${props.region}:${props.accountId}:${resource}`;
  const statements: PolicyStatement[] = [{ Sid: 'GetAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }];
  if (props.cachePrefixes.length) {
    statements.push({
      Sid: 'PullThroughCache',
      Effect: 'Allow',
      Action: [...ECR_PULL_ACTIONS, 'ecr:BatchImportUpstreamImage'],
      Resource: [...new Set(props.cachePrefixes)].sort().map((prefix) => arn(`repository/${prefix}/*`)),
    });
  }
  const withRepositories = (arns: readonly string[]) =>
    arns.length ? [...statements, { Sid: 'PullPlatformRepositories', Effect: 'Allow', Action: [...ECR_PULL_ACTIONS], Resource: [...arns] } satisfies PolicyStatement] : statements;
  // IAM's quota: a role's inline policies together hold at most 10,240 characters (white space not counted).
  const fits = (arns: readonly string[]) => policyLength(renderPolicy(withRepositories(arns))) <= IAM_QUOTAS.rolePoliciesLength;
  const repositories = fitRepositoryArns(props.repositoryArns ?? [], fits) ?? [...new Set(props.repositoryArns ?? [])].sort();
  return withRepositories(repositories);
}

/**
 * One inline policy per EKS node role (an inline policy takes none of the role's managed-policy
 * slots, 10 by default), with the role name in its ID (reordering the list replaces nothing).
 */
export class NodeAccess extends Construct {
  readonly policies: Record<string, IamRolePolicy> = {};
  readonly statements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: NodeAccessProps) {
    super(scope, id);
    this.statements = nodePullStatements(props);
    const document = renderPolicy([...this.statements]);
    const length = policyLength(document);
    this.node.addValidation({
      validate: () =>
        length > IAM_QUOTAS.rolePoliciesLength
          ? [
              `'repositoryArns' must fit in one inline policy of at most ${count(IAM_QUOTAS.rolePoliciesLength)} characters (IAM's limit for a role's inline policies), ` +
                `even with repositories that share a namespace granted as <namespace>/*, got ${count(length)} characters for ${props.repositoryArns?.length ?? 0} repositories and ${props.cachePrefixes.length} cache prefixes`,
            ]
          : [],
    });
    for (const roleName of new Set(props.roleNames)) {
      this.policies[roleName] = new IamRolePolicy(this, `pull-${roleName}`, { role: roleName, name: NODE_PULL_POLICY_NAME, policy: document });
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
