import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { renderPolicy } from '../domain/iam/policy-document';
import { deployStatements } from '../domain/iam/deploy-permissions';
import type { ResolvedAccess, ResolvedPlatform } from '../config/resolve/platform';
import { accessConstructId, type EcrGrant } from '../config/resolve/access-grants';
import { ConfigError } from '../config/problems';
import { splitPolicyName } from '../domain/iam/policy-split';
import { stateKeys } from '../config/model';
import { GithubOidcProvider, githubOidcProviderArn } from '../constructs/access/github-oidc-provider';
import { GithubActionsRole } from '../constructs/access/ci-role';
import { EcrAccessPolicy } from '../constructs/access/ecr-policies';
import { ImageUpdaterRole } from '../constructs/access/image-updater-role';
import { PlatformStack } from './platform-stack';

export { accessConstructId };

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
  /** The role the platform's own workflow deploys with (access.deployRole). */
  readonly deployRole?: GithubActionsRole;
  private readonly access: ResolvedAccess;
  /** One EcrAccessPolicy per grant ID, however many roles and users attach it. */
  private readonly policies = new Map<string, EcrAccessPolicy>();

  constructor(scope: Construct, id: string, platform: ResolvedPlatform) {
    super(scope, id, { platform, stateKey: stateKeys.global('github-oidc') });
    this.access = platform.access;
    this.oidcProvider = this.addOidcProvider();
    this.addCiRoles();
    [this.pullOnlyPolicy, this.readPolicy] = this.addSharedConsumerPolicies() ?? [];
    this.imageUpdater = this.addImageUpdater();
    this.addPullPrincipals();
    this.deployRole = this.addDeployRole();
  }

  /**
   * The deploy role: trusted only from jobs of the infrastructure repository in its protected
   * environment (GitHub admits only main there: the environment's deployment-branch rule), one-hour
   * sessions, and the permissions to deploy these stacks (src/domain/iam/deploy-permissions.ts).
   */
  private addDeployRole(): GithubActionsRole | undefined {
    const deploy = this.access.deployRole;
    if (!deploy) return undefined;
    const role = new GithubActionsRole(this, accessConstructId('deploy-role', deploy.name), {
      ...deploy.subjects,
      roleName: deploy.name,
      oidcProviderArn: this.oidcProvider.arn,
      maxSessionDuration: 3600,
      description: `Deploys the platform's stacks from ${deploy.subjects.repositories.join(', ')}, environment ${deploy.subjects.environments?.join(', ')}`,
    });
    const policy = new IamPolicy(role, 'deploy', {
      name: `${deploy.name}-deploy`,
      description: 'Deploy the ECR platform stacks: state bucket, repositories and registry settings, access roles and policies',
      policy: renderPolicy(deployStatements(deploy.scope)),
    });
    new IamRolePolicyAttachment(role, 'deploy-attachment', { role: role.role.name, policyArn: policy.arn });
    new TerraformOutput(this, 'deploy_role_arn', { value: role.role.arn, description: 'role-to-assume of the platform workflow\'s deploy job (examples/github-actions/platform.yml)' });
    return role;
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
      const push = this.policyFor(this.access.grants.push[ciRole.name]);
      push.policies.forEach((policy, n) => new IamRolePolicyAttachment(role, splitPolicyName('ecr-push', n), { role: role.role.name, policyArn: policy.arn }));
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

  /**
   * A grant's policies: one while its exact ARNs fit in 6,144 characters, else by prefix and
   * split into <name>, <name>-2, ... (EcrAccessPolicy). Built once, whoever attaches it.
   */
  private policyFor(grant: EcrGrant): EcrAccessPolicy {
    let policy = this.policies.get(grant.id);
    if (!policy) {
      // A library user may build the stack from an unchecked configuration; its ARNs must not be guessed.
      if (grant.problems.length) throw new ConfigError(grant.problems);
      policy = new EcrAccessPolicy(this, grant.id, { policyName: grant.policyName, access: grant.access, repositoryArns: grant.arns, compactRepositoryArns: grant.compactArns });
      this.policies.set(grant.id, policy);
    }
    return policy;
  }

  /** Pull-only and read policies on every repository, for anything that only consumes images (none without repositories). */
  private addSharedConsumerPolicies(): [EcrAccessPolicy, EcrAccessPolicy] | undefined {
    const shared = this.access.grants.shared;
    if (!shared) return undefined;
    const [pullOnly, read] = shared.map((grant) => this.policyFor(grant));
    new TerraformOutput(this, 'ecr_pull_only_policy_arn', { value: pullOnly.policy.arn, description: 'Pull-only policy on every repository (the first one; every one: ecr_pull_only_policy_arns)' });
    new TerraformOutput(this, 'ecr_read_policy_arn', { value: read.policy.arn, description: 'Describe/list policy on every repository (the first one; every one: ecr_read_policy_arns)' });
    // Past one policy's 6,144 characters a grant is several policies: whoever attaches them attaches all.
    new TerraformOutput(this, 'ecr_pull_only_policy_arns', { value: pullOnly.policies.map((p) => p.arn), description: 'Every pull-only policy on every repository (attach all)' });
    new TerraformOutput(this, 'ecr_read_policy_arns', { value: read.policies.map((p) => p.arn), description: 'Every describe/list policy on every repository (attach all)' });
    return [pullOnly, read];
  }

  /** The ArgoCD Image Updater's role with its consumer policies. */
  private addImageUpdater(): ImageUpdaterRole | undefined {
    const imageUpdater = this.access.imageUpdater;
    if (!imageUpdater) return undefined;
    const { accountId, partition } = this.platform.aws;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { repositoryArns, ...binding } = imageUpdater;
    const role = new ImageUpdaterRole(this, 'image-updater', { ...binding, accountId, partition });
    for (const policy of (this.access.grants.imageUpdater?.grants ?? []).map((grant) => this.policyFor(grant))) {
      policy.policies.forEach((each, n) => new IamRolePolicyAttachment(role, splitPolicyName(`${policy.node.id}-attachment`, n), { role: role.role.name, policyArn: each.arn }));
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
      for (const policy of (this.access.grants.pullPrincipals[grant.name]?.grants ?? []).map((each) => this.policyFor(each))) {
        policy.policies.forEach((each, n) => {
          const id = accessConstructId('pull', splitPolicyName(`${grant.name}-${policy.node.id}-attachment`, n));
          if (grant.kind === 'user') new IamUserPolicyAttachment(this, id, { user: grant.principalName, policyArn: each.arn });
          else new IamRolePolicyAttachment(this, id, { role: grant.principalName, policyArn: each.arn });
        });
      }
    }
  }
}
