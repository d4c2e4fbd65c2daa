import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import type { PlatformConfig } from '../config/schema';
import { stateKeys } from '../config/model';
import { partition } from '../domain/aws/arn';
import { ConfigError } from '../config/problems';
import { under } from '../domain/problem';
import { ciRoleSubjectSpec } from '../config/checks/access';
import { GithubOidcProvider, githubOidcProviderArn } from '../constructs/access/github-oidc-provider';
import { GithubActionsRole } from '../constructs/access/ci-role';
import { EcrAccessPolicy } from '../constructs/access/ecr-policies';
import { ImageUpdaterRole } from '../constructs/access/image-updater-role';
import { resolveRepositoryTargets } from '../config/resolve/repository-targets';
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

  constructor(scope: Construct, id: string, config: PlatformConfig) {
    super(scope, id, { config, stateKey: stateKeys.global('github-oidc') });
    const { github, imageUpdater, pullPrincipals } = config.access;
    const account = { accountId: config.aws.accountId, partition: partition(config.aws.region) };
    // A library user may build the stack from an unchecked configuration; its ARNs must not be guessed.
    const arnsFor = (path: string, entries: readonly string[] | undefined) => {
      const targets = resolveRepositoryTargets(config, entries);
      if (targets.problems.length) throw new ConfigError(under(path, targets.problems));
      return targets.arns;
    };

    // --- the GitHub Actions OIDC provider
    this.oidcProvider = new GithubOidcProvider(this, 'github-oidc-provider', {
      existingProviderArn: github.existingOidcProviderArn,
      adoptProviderArn: github.adoptOidcProvider ? githubOidcProviderArn(account.partition, account.accountId) : undefined,
    });
    new TerraformOutput(this, 'oidc_provider_arn', {
      value: this.oidcProvider.arn,
      description: 'ARN of the GitHub Actions OIDC provider (token.actions.githubusercontent.com)',
    });

    // --- CI roles: push to the repositories named in pushTo
    const roleArns: Record<string, string> = {};
    const pushPolicyArns: Record<string, string> = {};
    github.ciRoles.forEach((roleConfig, i) => {
      const role = new GithubActionsRole(this, accessConstructId('ci-role', roleConfig.name), {
        ...ciRoleSubjectSpec(config, roleConfig),
        roleName: roleConfig.name,
        oidcProviderArn: this.oidcProvider.arn,
        maxSessionDuration: roleConfig.maxSessionDurationSeconds,
      });
      const push = new EcrAccessPolicy(this, accessConstructId('ci-push', roleConfig.name), {
        policyName: `${roleConfig.name}-ecr-push`,
        access: 'push',
        repositoryArns: arnsFor(`access.github.ciRoles[${i}].pushTo`, roleConfig.pushTo),
      });
      new IamRolePolicyAttachment(role, 'ecr-push', { role: role.role.name, policyArn: push.policy.arn });
      this.ciRoles[roleConfig.name] = role;
      roleArns[roleConfig.name] = role.role.arn;
      pushPolicyArns[roleConfig.name] = push.policy.arn;
    });
    new TerraformOutput(this, 'ci_role_arns', { value: roleArns, description: 'CI role ARNs, by role name' });
    new TerraformOutput(this, 'github_actions_role_to_assume', {
      value: roleArns,
      description: 'The value of role-to-assume for aws-actions/configure-aws-credentials, by CI role name',
    });
    new TerraformOutput(this, 'ci_push_policy_arns', { value: pushPolicyArns, description: 'ECR push policy ARNs, by CI role name' });

    // --- pull-only and read policies on every repository, for anything that only consumes images
    if (config.registry.repositories.length) {
      const all = arnsFor('registry.repositories', undefined);
      this.pullOnlyPolicy = new EcrAccessPolicy(this, 'ecr-pull-only', { policyName: `${config.project}-ecr-pull-only`, access: 'pull', repositoryArns: all });
      this.readPolicy = new EcrAccessPolicy(this, 'ecr-read', { policyName: `${config.project}-ecr-read`, access: 'read', repositoryArns: all });
      new TerraformOutput(this, 'ecr_pull_only_policy_arn', { value: this.pullOnlyPolicy.policy.arn, description: 'Pull-only policy on every repository' });
      new TerraformOutput(this, 'ecr_read_policy_arn', { value: this.readPolicy.policy.arn, description: 'Describe/list policy on every repository' });
    }
    /** The shared policies for consumers of every repository; a narrower scope gets its own pair. */
    const consumerPolicies = (idBase: string, policyBase: string, path: string, entries: readonly string[] | undefined) => {
      if (entries === undefined && this.pullOnlyPolicy && this.readPolicy) return [this.pullOnlyPolicy, this.readPolicy];
      const arns = arnsFor(path, entries);
      return [
        new EcrAccessPolicy(this, accessConstructId(`${idBase}-pull-only`, policyBase), { policyName: `${policyBase}-ecr-pull-only`, access: 'pull', repositoryArns: arns }),
        new EcrAccessPolicy(this, accessConstructId(`${idBase}-read`, policyBase), { policyName: `${policyBase}-ecr-read`, access: 'read', repositoryArns: arns }),
      ];
    };

    // --- the ArgoCD Image Updater
    if (imageUpdater) {
      this.imageUpdater = new ImageUpdaterRole(this, 'image-updater', { ...imageUpdater, ...account });
      for (const policy of consumerPolicies('image-updater', imageUpdater.roleName, 'access.imageUpdater.repositories', imageUpdater.repositories)) {
        new IamRolePolicyAttachment(this.imageUpdater, `${policy.node.id}-attachment`, { role: this.imageUpdater.role.name, policyArn: policy.policy.arn });
      }
      new TerraformOutput(this, 'image_updater_role_arn', {
        value: this.imageUpdater.role.arn,
        description: `Role of the ArgoCD Image Updater (${imageUpdater.mechanism === 'irsa' ? 'annotate its service account with eks.amazonaws.com/role-arn' : 'EKS Pod Identity association created'})`,
      });
    }

    // --- roles and users of this account that pull
    pullPrincipals.forEach((grant, i) => {
      const path = `access.pullPrincipals[${i}]`;
      const [, kind, name] = /^arn:[^:]+:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(grant.principal) ?? [];
      if (!kind) throw new ConfigError([{ path: `${path}.principal`, message: `must be an IAM role or user ARN in this account, got ${grant.principal}` }]);
      for (const policy of consumerPolicies('pull', `${config.project}-${grant.name}`, `${path}.repositories`, grant.repositories)) {
        const id = accessConstructId('pull', `${grant.name}-${policy.node.id}-attachment`);
        if (kind === 'user') new IamUserPolicyAttachment(this, id, { user: name, policyArn: policy.policy.arn });
        else new IamRolePolicyAttachment(this, id, { role: name, policyArn: policy.policy.arn });
      }
    });
  }
}
