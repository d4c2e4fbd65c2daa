// The access stack of the embedded example configuration.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { tempOutdir } from '../support/terraform';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`;

function synthAccess(overrides: Record<string, unknown> = {}): any {
  const platform = buildApp(configWith(overrides as any), { outdir: tempOutdir() });
  return JSON.parse(Testing.synth(platform.access));
}

function byName(json: any, type: string, name: string): any {
  const found = Object.values(json.resource[type] ?? {}).find((r: any) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

const pushPolicyResources = (json: any, name: string) => JSON.parse(byName(json, 'aws_iam_policy', name).policy).Statement[1].Resource;

describe('access stack (example platform)', () => {
  const json = synthAccess();

  it('creates the GitHub OIDC provider with audience sts.amazonaws.com and no thumbprint list', () => {
    const providers = Object.values(json.resource.aws_iam_openid_connect_provider) as any[];
    expect(providers).toHaveLength(1);
    expect(providers[0].url).toBe('https://token.actions.githubusercontent.com');
    expect(providers[0].client_id_list).toEqual(['sts.amazonaws.com']);
    expect(providers[0]).not.toHaveProperty('thumbprint_list');
    expect(json.import).toBeUndefined();
  });

  it('lets the CI role push to exactly the repositories in pushTo', () => {
    expect(pushPolicyResources(json, 'faro-github-actions-ecr-push')).toEqual([
      ARN('custom-apps'),
      ARN('deployments'),
      ARN('faro-rag/*'),
      ARN('infrastructure'),
    ]);
    const attachment = Object.values(json.resource.aws_iam_role_policy_attachment)[0] as any;
    expect(attachment.role).toMatch(/^\$\{aws_iam_role\.ci-role-faro-github-actions_role_\w+\.name\}$/);
    expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\.ci-push-faro-github-actions_policy_\w+\.arn\}$/);
  });

  it('trusts main of the two listed repositories, exactly (it pushes what production runs), through the provider it creates, for one hour', () => {
    const role = byName(json, 'aws_iam_role', 'faro-github-actions');
    expect(role.max_session_duration).toBe(3600);
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement.map((s: any) => s.Principal.Federated)).toEqual([expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.github-oidc-provider_\w+\.arn\}$/)]);
    expect(trust.Statement.map((s: any) => s.Condition)).toEqual([
      {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': [
            'repo:faro-ai/platform-infrastructure:ref:refs/heads/main',
            'repo:faro-ai/rag-services:ref:refs/heads/main',
          ],
        },
      },
    ]);
  });

  it('creates pull-only and read policies on every repository, by its own ARN', () => {
    const all = [
      ARN('custom-apps'),
      ARN('deployments'),
      ARN('faro-rag/document-chunking'),
      ARN('faro-rag/embeddings-engine'),
      ARN('faro-rag/rag-query'),
      ARN('infrastructure'),
    ];
    expect(pushPolicyResources(json, 'faro-ecr-pull-only')).toEqual(all);
    expect(JSON.parse(byName(json, 'aws_iam_policy', 'faro-ecr-read').policy).Statement[0].Resource).toEqual(all);
  });

  it('outputs the provider, role, role-to-assume and policy ARNs', () => {
    expect(Object.keys(json.output).sort()).toEqual([
      'ci_push_policy_arns',
      'ci_role_arns',
      'deploy_role_arn',
      'ecr_pull_only_policy_arn',
      'ecr_pull_only_policy_arns',
      'ecr_read_policy_arn',
      'ecr_read_policy_arns',
      'github_actions_role_to_assume',
      'oidc_provider_arn',
    ]);
    expect(Object.keys(json.output.github_actions_role_to_assume.value)).toEqual(['faro-github-actions']);
    expect(json.output.github_actions_role_to_assume.value['faro-github-actions']).toMatch(/^\$\{aws_iam_role\.ci-role-faro-github-actions_role_\w+\.arn\}$/);
  });
});
