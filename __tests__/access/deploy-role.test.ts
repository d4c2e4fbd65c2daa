// access.deployRole: the role the platform's own workflow deploys with.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { problemsFrom } from '../support/config';
import { minimalConfig, type ConfigOverrides } from '../support/minimal-config';
import { runGuardrails } from '../../src/guardrails';

const REPOS = ['faro-ai/rag-services', 'faro-ai/platform-infrastructure'];
const deployRole = { name: 'platform-deploy', repository: 'faro-ai/platform-infrastructure', environment: 'production' };
const withDeployRole = (role: Record<string, unknown> = deployRole) => minimalConfig({ access: { github: { repositories: REPOS }, deployRole: role } } as ConfigOverrides);

describe('the deploy role', () => {
  const config = withDeployRole();
  const platform = buildApp(config);
  const access = JSON.parse(Testing.synth(platform.access));
  const role = Object.values(access.resource.aws_iam_role as Record<string, any>).find((r) => r.name === 'platform-deploy');
  const policy = JSON.parse(Object.values(access.resource.aws_iam_policy as Record<string, any>).find((p) => p.name === 'platform-deploy-deploy').policy);

  it('trusts only jobs of the infrastructure repository in its environment, aud pinned, for one hour', () => {
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:faro-ai/platform-infrastructure:environment:production' } },
      }),
    ]);
    expect(role.max_session_duration).toBe(3600);
  });

  it('is scoped: "*" only for actions without a resource form; the state bucket by name, never deleted', () => {
    const star = policy.Statement.filter((s: any) => [s.Resource].flat().includes('*'));
    expect(star.map((s: any) => s.Sid)).toEqual(['RegistrySettings']);
    expect(star[0].Action).toEqual(expect.arrayContaining(['ecr:PutReplicationConfiguration', 'ecr:GetAuthorizationToken', 'kms:CreateKey']));
    expect(star[0].Action).not.toContain('ecr:CreateRepository');
    const state = policy.Statement.find((s: any) => s.Sid === 'StateBucket');
    expect(state.Resource).toBe(`arn:aws:s3:::${config.state.bucket}`);
    expect(JSON.stringify(policy)).not.toContain('s3:DeleteBucket');
    expect(policy.Statement.find((s: any) => s.Sid === 'Repositories').Resource).toBe('arn:aws:ecr:eu-central-1:111122223333:repository/*');
  });

  it('passes the guardrails (IAM-001 allows "*" only for those actions)', () => {
    platform.app.synth();
    expect(runGuardrails(platform, config).filter((f) => f.level === 'error')).toEqual([]);
  });

  it('refuses a repository that is not in access.github.repositories', () => {
    expect(problemsFrom(() => withDeployRole({ ...deployRole, repository: 'faro-ai/other' }))).toEqual([
      { path: 'access.deployRole.repository', message: 'must be one of access.github.repositories ("faro-ai/rag-services", "faro-ai/platform-infrastructure"), got "faro-ai/other"' },
    ]);
  });

  it('refuses an environment name GitHub would not accept', () => {
    expect(problemsFrom(() => withDeployRole({ ...deployRole, environment: 'prod env' }))).toEqual([
      expect.objectContaining({ path: 'access.deployRole.environment', message: expect.stringMatching(/^must be a GitHub environment name/) }),
    ]);
  });
});
