import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';
import { tempOutdir } from '../support/terraform';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`;
const GITHUB_PROVIDER_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

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

  it('trusts main and v* tags of the two listed repositories, through the provider it creates', () => {
    const role = byName(json, 'aws_iam_role', 'faro-github-actions');
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement.map((s: any) => s.Principal.Federated)).toEqual([
      expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.github-oidc-provider_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\.github-oidc-provider_\w+\.arn\}$/),
    ]);
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
      {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: {
          'token.actions.githubusercontent.com:sub': [
            'repo:faro-ai/platform-infrastructure:ref:refs/tags/v*',
            'repo:faro-ai/rag-services:ref:refs/tags/v*',
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
      'ecr_pull_only_policy_arn',
      'ecr_read_policy_arn',
      'github_actions_role_to_assume',
      'oidc_provider_arn',
    ]);
    expect(Object.keys(json.output.github_actions_role_to_assume.value)).toEqual(['faro-github-actions']);
    expect(json.output.github_actions_role_to_assume.value['faro-github-actions']).toMatch(/^\$\{aws_iam_role\.ci-role-faro-github-actions_role_\w+\.arn\}$/);
  });
});

describe('access stack options', () => {
  const ciRole = (name: string, pushTo: string[]) => ({ name, branches: ['main'], pushTo });

  it('references an existing OIDC provider instead of creating one', () => {
    const json = synthAccess({ access: { github: { existingOidcProviderArn: GITHUB_PROVIDER_ARN, repositories: ['o/r'], ciRoles: [ciRole('ci', ['infrastructure'])] } } });
    expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(json.output.oidc_provider_arn.value).toBe(GITHUB_PROVIDER_ARN);
    expect(JSON.parse(byName(json, 'aws_iam_role', 'ci').assume_role_policy).Statement[0].Principal.Federated).toBe(GITHUB_PROVIDER_ARN);
  });

  it('adopts the existing OIDC provider with an import block (adoptOidcProvider)', () => {
    const json = synthAccess({ access: { github: { adoptOidcProvider: true, repositories: ['o/r'], ciRoles: [ciRole('ci', ['infrastructure'])] } } });
    const [address] = Object.keys(json.resource.aws_iam_openid_connect_provider);
    expect(json.import).toEqual([{ id: GITHUB_PROVIDER_ARN, to: `aws_iam_openid_connect_provider.${address}` }]);
  });

  it('derives construct IDs from role names, so reordering roles replaces nothing', () => {
    const roles = [ciRole('alpha', ['infrastructure']), ciRole('beta', ['deployments'])];
    const keys = (json: any) => Object.keys(json.resource).flatMap((type) => Object.keys(json.resource[type]).map((k) => `${type}.${k}`)).sort();
    const forward = synthAccess({ access: { github: { repositories: ['o/r'], ciRoles: roles } } });
    const reversed = synthAccess({ access: { github: { repositories: ['o/r'], ciRoles: [...roles].reverse() } } });
    expect(keys(reversed)).toEqual(keys(forward));
    expect(pushPolicyResources(reversed, 'beta-ecr-push')).toBe(ARN('deployments'));
  });

  it('uses the final names for a prefix when a naming scheme renames repositories', () => {
    const json = synthAccess({
      registry: { namingScheme: '{project}/{name}' },
      access: { github: { repositories: ['o/r'], ciRoles: [ciRole('ci', ['faro-rag/*', 'infrastructure'])] } },
    });
    expect(pushPolicyResources(json, 'ci-ecr-push')).toEqual([
      ARN('faro/faro-rag/document-chunking'),
      ARN('faro/faro-rag/embeddings-engine'),
      ARN('faro/faro-rag/rag-query'),
      ARN('faro/infrastructure'),
    ]);
  });

  it('gives the Image Updater a Pod Identity role pinned to its cluster, namespace and service account', () => {
    const json = synthAccess({ access: { imageUpdater: { roleName: 'faro-image-updater', clusterName: 'faro-prod', repositories: ['faro-rag/*'] } } });
    const role = byName(json, 'aws_iam_role', 'faro-image-updater');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'EksPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '111122223333',
            'aws:RequestTag/eks-cluster-name': 'faro-prod',
            'aws:RequestTag/kubernetes-namespace': 'argocd',
            'aws:RequestTag/kubernetes-service-account': 'argocd-image-updater',
          },
        },
      },
    ]);
    const association = Object.values(json.resource.aws_eks_pod_identity_association)[0] as any;
    expect(association).toMatchObject({ cluster_name: 'faro-prod', namespace: 'argocd', service_account: 'argocd-image-updater' });
    expect(association.role_arn).toMatch(/^\$\{aws_iam_role\.image-updater_role_\w+\.arn\}$/);
    // Its own scope: pull-only and read on the faro-rag prefix, attached to its role.
    expect(pushPolicyResources(json, 'faro-image-updater-ecr-pull-only')).toBe(ARN('faro-rag/*'));
    expect(JSON.parse(byName(json, 'aws_iam_policy', 'faro-image-updater-ecr-read').policy).Statement[0].Resource).toBe(ARN('faro-rag/*'));
    const attached = (Object.values(json.resource.aws_iam_role_policy_attachment) as any[]).filter((a) => a.role.includes('image-updater'));
    expect(attached.map((a) => a.policy_arn).sort()).toEqual([
      expect.stringContaining('image-updater-pull-only-faro-image-updater_policy'),
      expect.stringContaining('image-updater-read-faro-image-updater_policy'),
    ]);
    expect(json.output.image_updater_role_arn.value).toBe(association.role_arn);
  });

  it('gives the Image Updater an IRSA role pinned to the issuer, service account and audience', () => {
    const issuer = 'oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const json = synthAccess({ access: { imageUpdater: { roleName: 'iu', clusterName: 'faro-prod', mechanism: 'irsa', oidcIssuer: `https://${issuer}` } } });
    expect(JSON.parse(byName(json, 'aws_iam_role', 'iu').assume_role_policy).Statement).toEqual([
      {
        Sid: 'EksServiceAccount',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:argocd:argocd-image-updater' } },
      },
    ]);
    expect(json.resource.aws_eks_pod_identity_association).toBeUndefined();
    // No repository scope: the shared policies on every repository.
    const attached = (Object.values(json.resource.aws_iam_role_policy_attachment) as any[]).filter((a) => a.role.includes('image-updater'));
    expect(attached.map((a) => a.policy_arn).sort()).toEqual([
      expect.stringMatching(/^\$\{aws_iam_policy\.ecr-pull-only_policy_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_policy\.ecr-read_policy_\w+\.arn\}$/),
    ]);
  });

  it('attaches pull-only and read policies to this account\'s roles and users', () => {
    const json = synthAccess({
      access: {
        pullPrincipals: [
          { name: 'tools', principal: 'arn:aws:iam::111122223333:role/platform/tools-runner' },
          { name: 'scanner', principal: 'arn:aws:iam::111122223333:user/scanner', repositories: ['infrastructure'] },
        ],
      },
    });
    const roleAttachments = (Object.values(json.resource.aws_iam_role_policy_attachment) as any[]).filter((a) => a.role === 'tools-runner');
    expect(roleAttachments.map((a) => a.policy_arn).sort()).toEqual([
      expect.stringContaining('aws_iam_policy.ecr-pull-only_policy'),
      expect.stringContaining('aws_iam_policy.ecr-read_policy'),
    ]);
    const userAttachments = Object.values(json.resource.aws_iam_user_policy_attachment) as any[];
    expect(userAttachments.map((a) => a.user)).toEqual(['scanner', 'scanner']);
    expect(pushPolicyResources(json, 'faro-scanner-ecr-pull-only')).toBe(ARN('infrastructure'));
  });
});
