import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { planStack, tempOutdir } from '../support/terraform';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`;

// adoptOidcProvider's import block is applied into moto by apply-adoption.test.ts (layout 1).
describe('access stack: offline terraform plan', () => {
  const platform = buildApp(
    configWith({
      access: {
        imageUpdater: { roleName: 'faro-argocd-image-updater', clusterName: 'faro-prod', repositories: ['faro-rag/*'] },
        pullPrincipals: [{ name: 'tools', principal: 'arn:aws:iam::111122223333:role/tools-runner' }],
      },
    } as any),
    { outdir: tempOutdir() },
  );
  platform.app.synth();
  const plan = planStack(platform.app, 'access');
  const created = (type: string) => plan.changes.filter((c) => c.type === type && c.actions.includes('create'));
  const policy = (name: string) => JSON.parse(created('aws_iam_policy').find((c) => c.after.name === name)!.after.policy as string);

  it('is valid Terraform (no warnings) and only creates', () => {
    expect(plan.warnings).toEqual([]);
    expect(plan.changes.every((c) => c.actions.length === 1 && c.actions[0] === 'create')).toBe(true);
  });

  it('plans the provider, the CI role with its push policy, and the consumers', () => {
    expect(plan.changes.map((c) => c.type).sort()).toEqual([
      'aws_eks_pod_identity_association',
      'aws_iam_openid_connect_provider',
      'aws_iam_policy',
      'aws_iam_policy',
      'aws_iam_policy',
      'aws_iam_policy',
      'aws_iam_policy',
      'aws_iam_policy',
      'aws_iam_role',
      'aws_iam_role',
      'aws_iam_role',
      'aws_iam_role_policy_attachment',
      'aws_iam_role_policy_attachment',
      'aws_iam_role_policy_attachment',
      'aws_iam_role_policy_attachment',
      'aws_iam_role_policy_attachment',
      'aws_iam_role_policy_attachment',
    ]);
    const [provider] = created('aws_iam_openid_connect_provider');
    expect(provider.after).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    const ciRole = created('aws_iam_role').find((c) => c.after.name === 'faro-github-actions')!;
    expect(ciRole.after.max_session_duration).toBe(3600);
  });

  it('scopes push to the pushTo repositories and the image updater to its prefix', () => {
    expect(policy('faro-github-actions-ecr-push').Statement[1].Resource).toEqual([
      ARN('custom-apps'),
      ARN('deployments'),
      ARN('faro-rag/*'),
      ARN('infrastructure'),
    ]);
    expect(policy('faro-argocd-image-updater-ecr-pull-only').Statement[1].Resource).toBe(ARN('faro-rag/*'));
    // The deploy role's policy has * on resourceless actions only (IAM-001; __tests__/access/deploy-role.test.ts).
    const everyPolicy = created('aws_iam_policy')
      .filter((c) => !String(c.after.name).endsWith('-deploy'))
      .map((c) => JSON.parse(c.after.policy as string));
    for (const document of everyPolicy) {
      for (const statement of document.Statement) {
        if (statement.Resource === '*') expect(statement.Action).toBe('ecr:GetAuthorizationToken');
      }
    }
  });

  it('attaches the shared policies to the pull principal\'s existing role', () => {
    const attachments = created('aws_iam_role_policy_attachment').filter((c) => c.after.role === 'tools-runner');
    expect(attachments).toHaveLength(2);
  });

  it('declares the outputs a workflow and the cluster need', () => {
    expect([...plan.outputs].sort()).toEqual([
      'ci_push_policy_arns',
      'ci_role_arns',
      'deploy_role_arn',
      'ecr_pull_only_policy_arn',
      'ecr_pull_only_policy_arns',
      'ecr_read_policy_arn',
      'ecr_read_policy_arns',
      'github_actions_role_to_assume',
      'image_updater_role_arn',
      'oidc_provider_arn',
    ]);
  });
});
