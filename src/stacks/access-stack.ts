import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import type { ConsumerRepositoryArns, ResolvedAccess, ResolvedPlatform } from '../config/resolve/platform';
import { stateKeys } from '../config/model';
import { GithubOidcProvider, githubOidcProviderArn } from '../constructs/access/github-oidc-provider';
import { GithubActionsRole } from '../constructs/access/ci-role';
import { EcrAccessPolicy } from '../constructs/access/ecr-policies';
import { ImageUpdaterRole } from '../constructs/access/image-updater-role';
import { PlatformStack } from './platform-stack';

/** Logical IDs derive from names (role, grant), never list positions, so reordering the configuration replaces nothing. */
export function accessConstructId(kind: string, name: string): string {
  return `${kind}-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/**
 * CI and cluster access: the GitHub Actions OIDC provider, CI roles pinned to
 * repositories and branches, and least-privilege push and pull policies.
 * Repository ARNs follow from the configuration, not from the registry stack's state.
 * State key: global/github-oidc/terraform.tfstate.
 */
export class AccessStack extends PlatformStack {
  readonly oidcProvider: GithubOidcProvider;
  /** By role name. */
  readonly ciRoles: Record<string, GithubActionsRole> = {};
  /** Pull-only and read policies on every configured repository (absent when there are none). */
  readonly pullOnlyPolicy?: EcrAccessPolicy;
  readonly readPolicy?: EcrAccessPolicy;
  readonly imageUpdater?: ImageUpdaterRole;
  private readonly access: ResolvedAccess;

  constructor(scope: Construct, id: string, platform: ResolvedPlatform) {
    super(scope, id, { platform, stateKey: stateKeys.global('github-oidc') });
    this.access = platform.access;
    this.oidcProvider = this.addOidcProvider();
    this.addCiRoles();
    [this.pullOnlyPolicy, this.readPolicy] = this.addSharedConsumerPolicies() ?? [];
    this.imageUpdater = this.addImageUpdater();
    this.addPullPrincipals();
  }

  /** The GitHub Actions OIDC provider: created, referenced or adopted. */
  private addOidcProvider(): GithubOidcProvider {
    const { accountId, partition } = this.platform.aws;
    const provider = new GithubOidcProvider(this, 'github-oidc-provider', {
      existingProviderArn: this.access.existingOidcProviderArn,
      adoptProviderArn: this.access.adoptOidcProvider ? githubOidcProviderArn(partition, accountId) : undefined,
    });
    new TerraformOutput(this, 'oidc_provider_arn', {
      value: provider.arn,
      description: 'ARN of the GitHub Actions OIDC provider (token.actions.githubusercontent.com)',
    });
    return provider;
  }

  /** CI roles: trust pinned to their GitHub subjects, push to the repositories named in pushTo. */
  private addCiRoles(): void {
    const roleArns: Record<string, string> = {};
    const pushPolicyArns: Record<string, string> = {};
    for (const ciRole of this.access.ciRoles) {
      const role = new GithubActionsRole(this, accessConstructId('ci-role', ciRole.name), {
        ...ciRole.subjects,
        roleName: ciRole.name,
        oidcProviderArn: this.oidcProvider.arn,
        maxSessionDuration: ciRole.maxSessionDuration,
      });
      const push = new EcrAccessPolicy(this, accessConstructId('ci-push', ciRole.name), {
        policyName: `${ciRole.name}-ecr-push`,
        access: 'push',
        repositoryArns: ciRole.pushRepositoryArns,
      });
      new IamRolePolicyAttachment(role, 'ecr-push', { role: role.role.name, policyArn: push.policy.arn });
      this.ciRoles[ciRole.name] = role;
      roleArns[ciRole.name] = role.role.arn;
      pushPolicyArns[ciRole.name] = push.policy.arn;
    }
    new TerraformOutput(this, 'ci_role_arns', { value: roleArns, description: 'CI role ARNs, by role name' });
    new TerraformOutput(this, 'github_actions_role_to_assume', {
      value: roleArns,
      description: 'The value of role-to-assume for aws-actions/configure-aws-credentials, by CI role name',
    });
    new TerraformOutput(this, 'ci_push_policy_arns', { value: pushPolicyArns, description: 'ECR push policy ARNs, by CI role name' });
  }

  /** Pull-only and read policies on every repository, for anything that only consumes images (none without repositories). */
  private addSharedConsumerPolicies(): [EcrAccessPolicy, EcrAccessPolicy] | undefined {
    const all = this.access.allRepositoryArns;
    if (!all.length) return undefined;
    const project = this.platform.project;
    const pullOnly = new EcrAccessPolicy(this, 'ecr-pull-only', { policyName: `${project}-ecr-pull-only`, access: 'pull', repositoryArns: all });
    const read = new EcrAccessPolicy(this, 'ecr-read', { policyName: `${project}-ecr-read`, access: 'read', repositoryArns: all });
    new TerraformOutput(this, 'ecr_pull_only_policy_arn', { value: pullOnly.policy.arn, description: 'Pull-only policy on every repository' });
    new TerraformOutput(this, 'ecr_read_policy_arn', { value: read.policy.arn, description: 'Describe/list policy on every repository' });
    return [pullOnly, read];
  }

  /** The shared policies for consumers of every repository; a narrower scope gets its own pair. */
  private consumerPolicies(idBase: string, policyBase: string, arns: ConsumerRepositoryArns): EcrAccessPolicy[] {
    if (arns === undefined && this.pullOnlyPolicy && this.readPolicy) return [this.pullOnlyPolicy, this.readPolicy];
    const repositoryArns = [...(arns ?? [])];
    return [
      new EcrAccessPolicy(this, accessConstructId(`${idBase}-pull-only`, policyBase), { policyName: `${policyBase}-ecr-pull-only`, access: 'pull', repositoryArns }),
      new EcrAccessPolicy(this, accessConstructId(`${idBase}-read`, policyBase), { policyName: `${policyBase}-ecr-read`, access: 'read', repositoryArns }),
    ];
  }

  /** The ArgoCD Image Updater's role with its consumer policies. */
  private addImageUpdater(): ImageUpdaterRole | undefined {
    const imageUpdater = this.access.imageUpdater;
    if (!imageUpdater) return undefined;
    const { accountId, partition } = this.platform.aws;
    const { repositoryArns, ...binding } = imageUpdater;
    const role = new ImageUpdaterRole(this, 'image-updater', { ...binding, accountId, partition });
    for (const policy of this.consumerPolicies('image-updater', imageUpdater.roleName, repositoryArns)) {
      new IamRolePolicyAttachment(role, `${policy.node.id}-attachment`, { role: role.role.name, policyArn: policy.policy.arn });
    }
    new TerraformOutput(this, 'image_updater_role_arn', {
      value: role.role.arn,
      description: `Role of the ArgoCD Image Updater (${imageUpdater.mechanism === 'irsa' ? 'annotate its service account with eks.amazonaws.com/role-arn' : 'EKS Pod Identity association created'})`,
    });
    return role;
  }

  /** Roles and users of this account that pull: the consumer policies attached to each. */
  private addPullPrincipals(): void {
    for (const grant of this.access.pullPrincipals) {
      for (const policy of this.consumerPolicies('pull', `${this.platform.project}-${grant.name}`, grant.repositoryArns)) {
        const id = accessConstructId('pull', `${grant.name}-${policy.node.id}-attachment`);
        if (grant.kind === 'user') new IamUserPolicyAttachment(this, id, { user: grant.principalName, policyArn: policy.policy.arn });
        else new IamRolePolicyAttachment(this, id, { role: grant.principalName, policyArn: policy.policy.arn });
      }
    }
  }
}
