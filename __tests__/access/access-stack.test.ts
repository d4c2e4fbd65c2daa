import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { minimalConfig, type ConfigOverrides } from '../support/minimal-config';
import { tempOutdir } from '../support/terraform';

const ARN = (name: string) => `arn:aws:ecr:eu-central-1:111122223333:repository/${name}`;
const GITHUB_PROVIDER_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';

/** Repositories for CI roles and the Image Updater to reach, by name and by the prefix team/*. */
const REPOSITORIES = [{ name: 'app' }, { name: 'infrastructure' }, { name: 'deployments' }, { name: 'team/api' }, { name: 'team/web' }];

function synthAccess(overrides: ConfigOverrides = {}): any {
  const config = minimalConfig({ ...overrides, registry: { repositories: REPOSITORIES, ...overrides.registry } });
  const platform = buildApp(config, { outdir: tempOutdir() });
  return JSON.parse(Testing.synth(platform.access));
}

function byName(json: any, type: string, name: string): any {
  const found = Object.values(json.resource[type] ?? {}).find((r: any) => r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  return found;
}

const pushPolicyResources = (json: any, name: string) => JSON.parse(byName(json, 'aws_iam_policy', name).policy).Statement[1].Resource;

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
      access: { github: { repositories: ['o/r'], ciRoles: [ciRole('ci', ['team/*', 'infrastructure'])] } },
    });
    expect(pushPolicyResources(json, 'ci-ecr-push')).toEqual([
      ARN('acme/infrastructure'),
      ARN('acme/team/api'),
      ARN('acme/team/web'),
    ]);
  });

  it('gives the Image Updater a Pod Identity role pinned to its cluster, namespace and service account', () => {
    const json = synthAccess({ access: { imageUpdater: { roleName: 'faro-image-updater', clusterName: 'faro-prod', repositories: ['team/*'] } } });
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
    // Its own scope: pull-only and read on the team prefix, attached to its role.
    expect(pushPolicyResources(json, 'faro-image-updater-ecr-pull-only')).toBe(ARN('team/*'));
    expect(JSON.parse(byName(json, 'aws_iam_policy', 'faro-image-updater-ecr-read').policy).Statement[0].Resource).toBe(ARN('team/*'));
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
    expect(pushPolicyResources(json, 'acme-scanner-ecr-pull-only')).toBe(ARN('infrastructure'));
  });
});
