import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { planStack, tempOutdir } from '../support/terraform';

const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const GITLAB_SECRET = `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:ecr-pullthroughcache/gitlab-AbCdEf`;

describe('registry stack with the pull-through cache: offline terraform plan', () => {
  const platform = buildApp(
    configWith({
      registry: { replication: { rules: [], allowReplicationFrom: [{ accountId: '777788889999', prefixes: ['team-a/'] }] } },
      pullThroughCache: {
        rules: [
          { upstream: 'docker-hub' },
          { upstream: 'quay' },
          { upstream: 'github' },
          { upstream: 'k8s', template: { encryption: { type: 'KMS', kmsKeyArn: KEY } } },
          { upstream: 'ecr-public', template: { resourceTags: { Cache: 'ecr-public' } } },
          { upstream: 'gitlab', credentialArn: GITLAB_SECRET },
          { upstream: 'azure', azureRegistryName: 'faroacr', prefix: 'azure/faro' },
        ],
        nodeRoleNames: ['faro-dev-eks-node', 'faro-prod-eks-node'],
        accounts: ['444455556666'],
      },
    } as any),
    { outdir: tempOutdir() },
  );
  platform.app.synth();
  const plan = planStack(platform.app, 'registry');
  const created = (type: string) => plan.changes.filter((c) => c.type === type && c.actions.includes('create'));

  it('is valid Terraform: the plan reports no warnings', () => {
    expect(plan.warnings).toEqual([]);
  });

  it('plans a rule, and a creation template, per prefix', () => {
    const rules: Record<string, any> = Object.fromEntries(created('aws_ecr_pull_through_cache_rule').map((c) => [c.after.ecr_repository_prefix, c.after]));
    expect(Object.fromEntries(Object.entries(rules).map(([prefix, rule]) => [prefix, rule.upstream_registry_url]))).toEqual({
      'docker-hub': 'registry-1.docker.io',
      quay: 'quay.io',
      github: 'ghcr.io',
      k8s: 'registry.k8s.io',
      'ecr-public': 'public.ecr.aws',
      gitlab: 'registry.gitlab.com',
      'azure/faro': 'faroacr.azurecr.io',
    });
    expect(rules.gitlab.credential_arn).toBe(GITLAB_SECRET);

    const templates: Record<string, any> = Object.fromEntries(created('aws_ecr_repository_creation_template').map((c) => [c.after.prefix, c.after]));
    expect(Object.keys(templates).sort()).toEqual(['azure/faro', 'docker-hub', 'ecr-public', 'github', 'gitlab', 'k8s', 'quay']);
    for (const template of Object.values(templates)) {
      expect(template.applied_for).toEqual(['PULL_THROUGH_CACHE']);
      expect(JSON.parse(template.repository_policy as string).Statement[0].Principal.AWS).toBe('arn:aws:iam::444455556666:root');
    }
    expect(templates.k8s.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: KEY }]);
    expect(templates['ecr-public'].resource_tags).toEqual({ Cache: 'ecr-public' });
    expect(created('aws_iam_role').map((c) => c.after.name)).toEqual(['faro-ptc-template-eu-central-1']);
  });

  it('creates the credential secrets without a value (nothing secret in the plan or the state)', () => {
    expect(created('aws_secretsmanager_secret').map((c) => [c.address, c.after.name]).sort()).toEqual([
      ['aws_secretsmanager_secret.pull_through_cache_credential_azure--faro', 'ecr-pullthroughcache/azure/faro'],
      ['aws_secretsmanager_secret.pull_through_cache_credential_docker-hub', 'ecr-pullthroughcache/docker-hub'],
      ['aws_secretsmanager_secret.pull_through_cache_credential_github', 'ecr-pullthroughcache/github'],
    ]);
    expect(plan.changes.filter((c) => c.type === 'aws_secretsmanager_secret_version')).toEqual([]);
    expect(plan.outputs).toContain('pull_through_cache_credentials');
  });

  it('gives the node roles a scoped pull policy (no managed policy on "*") and merges the first-pull grant into the one registry policy', () => {
    expect(created('aws_iam_role_policy_attachment')).toEqual([]);
    const nodePolicies = created('aws_iam_role_policy').filter((c) => c.after.name === 'ecr-pull-platform-and-cache');
    expect(nodePolicies.map((c) => c.after.role).sort()).toEqual(['faro-dev-eks-node', 'faro-prod-eks-node']);
    const statements = JSON.parse(nodePolicies[0].after.policy as string).Statement;
    expect(statements.filter((s: { Resource: unknown }) => s.Resource === '*').map((s: { Action: unknown }) => s.Action)).toEqual(['ecr:GetAuthorizationToken']);
    const policies = created('aws_ecr_registry_policy');
    expect(policies).toHaveLength(1);
    const sids = JSON.parse(policies[0].after.policy as string).Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(['AllowReplicationFrom777788889999', 'PullThroughCacheCreateAndImport']);
  });
});
