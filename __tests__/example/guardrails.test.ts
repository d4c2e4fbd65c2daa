// Every rule against the real platform: the example configuration passes, and for each
// rule a configuration that breaks it produces exactly the finding it must. Where the
// configuration checks already refuse the unsafe value (the rule is the backstop), the
// platform is built from the configuration and then changed the way a later construct
// or an escape hatch would: the guardrails read the synthesized JSON, so they still see it.
import { TerraformResource, type TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { buildApp, type PlatformApp } from '../../src/app';
import { ConfigError } from '../../src/config/problems';
import type { PlatformConfig } from '../../src/config/schema';
import { checkPlatform, RULES, type Finding } from '../../src/guardrails';
import { renderPolicy } from '../../src/domain/iam/policy-document';
import { githubTrustStatements } from '../../src/constructs/access/ci-role';

const GITHUB_PROVIDER_ARN = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
import { configWith, defaultConfigInput } from '../support/config';
import { tempOutdir } from '../support/terraform';

const base = defaultConfigInput() as any;

function build(config: PlatformConfig): PlatformApp {
  return buildApp(config, { outdir: tempOutdir(), skipValidation: true });
}

function find(platform: PlatformApp, path: string): IConstruct {
  const found = platform.app.node.findAll().find((c) => c.node.path === path);
  if (!found) throw new Error(`no construct at ${path}`);
  return found;
}

function resource(platform: PlatformApp, path: string): TerraformResource {
  const found = find(platform, path);
  if (!(found instanceof TerraformResource)) throw new Error(`${path} is not a resource`);
  return found;
}

/** Removes a construct, as if the construct that creates it had never been written. */
function remove(platform: PlatformApp, path: string): void {
  const found = find(platform, path);
  expect(found.node.scope!.node.tryRemoveChild(found.node.id)).toBe(true);
}

/** Findings other than the example platform's one expected warning (STATE-006). */
function findingsOf(platform: PlatformApp, config: PlatformConfig): Finding[] {
  return checkPlatform(platform, config).findings.filter((f) => f.ruleId !== 'STATE-006');
}

function withRepository(name: string, settings: Record<string, unknown>) {
  return { registry: { ...base.registry, repositories: base.registry.repositories.map((r: any) => (r.name === name ? { ...r, ...settings } : r)) } };
}

interface Case {
  readonly rule: string;
  readonly config?: Record<string, unknown>;
  /** A change to the built platform, for rules the configuration cannot break. */
  readonly change?: (platform: PlatformApp) => void;
  readonly expected: Pick<Finding, 'stack' | 'resource'> & { readonly message: string | RegExp };
}

const CASES: Case[] = [
  {
    rule: 'ECR-001',
    // The attack: every repository MANUAL (the per-repository scanOnPush: true of registry.defaults is legacy and does not help).
    config: { registry: { ...base.registry, scanning: { type: 'BASIC', rules: [{ frequency: 'MANUAL', filters: ['*'] }] } } },
    expected: {
      stack: 'registry',
      resource: 'registry/repo-faro-rag--document-chunking/repository',
      message:
        'repository "faro-rag/document-chunking" is not scanned on push or continuously: no SCAN_ON_PUSH rule of the registry scanning configuration (registry/scanning/configuration) matches it, so ECR sets it to MANUAL.',
    },
  },
  {
    rule: 'ECR-002',
    change: (p) => resource(p, 'registry/repo-deployments/repository').addOverride('encryption_configuration', undefined),
    expected: { stack: 'registry', resource: 'registry/repo-deployments/repository', message: 'repository "deployments" has no encryption_configuration; expected AES256, KMS or KMS_DSSE.' },
  },
  {
    rule: 'ECR-003',
    change: (p) => remove(p, 'registry/repo-deployments/lifecycle-policy'),
    expected: { stack: 'registry', resource: 'registry/repo-deployments/repository', message: 'repository "deployments" has no lifecycle policy (aws_ecr_lifecycle_policy).' },
  },
  {
    rule: 'ECR-004',
    config: withRepository('faro-rag/rag-query', { tagMutability: 'MUTABLE' }),
    expected: {
      stack: 'registry',
      resource: 'registry/repo-faro-rag--rag-query/repository',
      message: 'repository "faro-rag/rag-query" is used by production (workloads-prod/service-rag-query/deployment) but its tags are MUTABLE.',
    },
  },
  {
    rule: 'ECR-005',
    // The configuration refuses forceDelete on a production repository; an override after the build does not.
    change: (p) => resource(p, 'registry/repo-faro-rag--rag-query/repository').addOverride('force_delete', true),
    expected: {
      stack: 'registry',
      resource: 'registry/repo-faro-rag--rag-query/repository',
      message: 'repository "faro-rag/rag-query" is used by production (workloads-prod/service-rag-query/deployment) but has force_delete = true.',
    },
  },
  {
    rule: 'ECR-006',
    // A user's rule "keep the last 10 of v and prod": AWS ANDs the prefixes.
    config: withRepository('deployments', { lifecyclePolicy: { rules: [{ tagStatus: 'tagged', tagPrefixes: ['v', 'prod'], keepLast: 10 }] } }),
    expected: {
      stack: 'registry',
      resource: 'registry/repo-deployments/lifecycle-policy',
      message: 'lifecycle rule with priority 1 has tagPrefixList ["v","prod"]: it selects only images that have a tag matching each of them (AND, not OR).',
    },
  },
  {
    rule: 'ECR-007',
    // The configuration refuses a bare account in allowReplicationFrom; a registry policy edited after the build is read from the JSON.
    change: (p) =>
      resource(p, 'registry/registry-policy/policy').addOverride(
        'policy',
        renderPolicy([
          { Sid: 'ReplicateAll', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::555566667777:root' }, Action: ['ecr:CreateRepository', 'ecr:ReplicateImage'], Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/*' },
        ]),
      ),
    expected: {
      stack: 'registry',
      resource: 'registry/registry-policy/policy',
      message: 'registry policy statement "ReplicateAll" lets "arn:aws:iam::555566667777:root" replicate into every repository ("arn:aws:ecr:eu-central-1:111122223333:repository/*").',
    },
  },
  {
    rule: 'IAM-001',
    change: (p) =>
      new IamPolicy(p.access, 'pull-everything', {
        name: 'pull-everything',
        policy: renderPolicy([{ Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: '*' }]),
      }),
    expected: { stack: 'access', resource: 'access/pull-everything', message: 'policy statement "Pull" allows ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on Resource "*".' },
  },
  {
    rule: 'IAM-002',
    change: (p) =>
      new IamPolicy(p.access, 'ecr-admin', {
        name: 'ecr-admin',
        policy: renderPolicy([{ Sid: 'Admin', Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/deployments' }]),
      }),
    expected: { stack: 'access', resource: 'access/ecr-admin', message: 'policy statement "Admin" allows "ecr:*".' },
  },
  {
    rule: 'IAM-003',
    change: (p) =>
      new EcrRepositoryPolicy(p.registry, 'public-deployments', {
        repository: 'deployments',
        policy: renderPolicy([{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }]),
      }),
    expected: { stack: 'registry', resource: 'registry/public-deployments', message: /^policy statement "Public" allows principal "\*" without/ },
  },
  {
    rule: 'IAM-004',
    change: (p) => {
      const role = resource(p, 'access/ci-role-faro-github-actions/role') as IamRole;
      const trust = JSON.parse(role.assumeRolePolicyInput!);
      // A hand-edited trust that dropped the subject condition: any GitHub workflow could assume the role.
      trust.Statement = trust.Statement.map((s: any) => ({ ...s, Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }));
      role.addOverride('assume_role_policy', JSON.stringify(trust));
    },
    expected: {
      stack: 'access',
      resource: 'access/ci-role-faro-github-actions/role',
      message: 'assume_role_policy statement "GithubActionsExactSubjects" has no token.actions.githubusercontent.com:sub condition, so any identity of the issuer may assume the role.',
    },
  },
  {
    rule: 'IAM-005',
    config: { access: { ...base.access, github: { ...base.access.github, ciRoles: [{ ...base.access.github.ciRoles[0], allowWholeOrganization: true }] } } },
    expected: { stack: 'access', resource: 'access/ci-role-faro-github-actions/role', message: /trusts every repository of an organization: "repo:faro-ai\/\*/ },
  },
  {
    rule: 'IAM-006',
    change: (p) => new IamPolicy(p.access, 'from-file', { name: 'from-file', policy: '${file("policy.json")}' }),
    expected: { stack: 'access', resource: 'access/from-file', message: /^policy cannot be read at synth time/ },
  },
  {
    rule: 'CI-001',
    // The configuration refuses a tag pattern on a role that pushes production images; a trust edited after the build is read from the JSON.
    change: (p) =>
      resource(p, 'access/ci-role-faro-github-actions/role').addOverride(
        'assume_role_policy',
        renderPolicy(githubTrustStatements(GITHUB_PROVIDER_ARN, ['repo:faro-ai/rag-services:ref:refs/heads/main', 'repo:faro-ai/rag-services:ref:refs/tags/v*'])),
      ),
    expected: {
      stack: 'access',
      resource: 'access/ci-role-faro-github-actions/role',
      message:
        'role "faro-github-actions" can push to "faro-rag/document-chunking", "faro-rag/embeddings-engine", "faro-rag/rag-query", which production runs, and trusts "repo:faro-ai/rag-services:ref:refs/tags/v*" (a tag pattern).',
    },
  },
  {
    rule: 'IAM-007',
    // The creation-template role (KMS templates need it) with its aws:SourceAccount condition dropped.
    config: { pullThroughCache: { ...base.pullThroughCache, template: { ...base.pullThroughCache.template, encryption: { type: 'KMS' } } } },
    change: (p) => {
      const role = resource(p, 'registry/pull-through-cache/template-role/role') as IamRole;
      role.addOverride('assume_role_policy', renderPolicy([{ Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole' }]));
    },
    expected: {
      stack: 'registry',
      resource: 'registry/pull-through-cache/template-role/role',
      message: 'assume_role_policy statement #1 trusts service "ecr.amazonaws.com" without an aws:SourceAccount or aws:SourceArn condition.',
    },
  },
  {
    rule: 'PTC-001',
    change: (p) => resource(p, 'registry/pull-through-cache/rule-docker-hub/rule').addOverride('credential_arn', null),
    expected: { stack: 'registry', resource: 'registry/pull-through-cache/rule-docker-hub/rule', message: 'cache rule "docker-hub" for registry-1.docker.io has no credential_arn.' },
  },
  {
    rule: 'PTC-002',
    change: (p) => resource(p, 'registry/pull-through-cache/credential-docker-hub/secret').addOverride('name', 'dockerhub-token'),
    expected: { stack: 'registry', resource: 'registry/pull-through-cache/rule-docker-hub/rule', message: /uses secret "dockerhub-token" .* whose name does not start with ecr-pullthroughcache\/\.$/ },
  },
  {
    rule: 'PTC-003',
    change: (p) => remove(p, 'registry/pull-through-cache/template-quay'),
    expected: { stack: 'registry', resource: 'registry/pull-through-cache/rule-quay/rule', message: 'cache prefix "quay" has no repository creation template for PULL_THROUGH_CACHE.' },
  },
  {
    rule: 'PTC-004',
    change: (p) => resource(p, 'registry/pull-through-cache/template-quay/template').addOverride('lifecycle_policy', null),
    expected: { stack: 'registry', resource: 'registry/pull-through-cache/template-quay/template', message: 'creation template "quay" has no lifecycle_policy.' },
  },
  {
    rule: 'PTC-005',
    // The configuration refuses a pushTo that covers a cache prefix; a policy added after the build is read from the JSON.
    change: (p) =>
      new IamPolicy(p.access, 'push-into-cache', {
        name: 'push-into-cache',
        policy: renderPolicy([{ Effect: 'Allow', Action: ['ecr:PutImage'], Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/docker-hub/*' }]),
      }),
    expected: { stack: 'access', resource: 'access/push-into-cache', message: 'policy of aws_iam_policy allows push to the pull-through cache prefix "docker-hub".' },
  },
  {
    rule: 'SEC-001',
    change: (p) => new SecretsmanagerSecretVersion(p.registry, 'docker-hub-value', { secretId: 'ecr-pullthroughcache/docker-hub', secretString: '{"username":"u","accessToken":"t"}' }),
    expected: { stack: 'registry', resource: 'registry/docker-hub-value', message: 'secret version sets secret_string, which Terraform keeps in state.' },
  },
  {
    rule: 'STATE-001',
    change: (p) => remove(p, 'bootstrap/state-bucket/versioning'),
    expected: { stack: 'bootstrap', resource: 'bootstrap/state-bucket/bucket', message: 'state bucket "faro-terraform-state-111122223333" is not versioned.' },
  },
  {
    rule: 'STATE-002',
    change: (p) => remove(p, 'bootstrap/state-bucket/encryption'),
    expected: { stack: 'bootstrap', resource: 'bootstrap/state-bucket/bucket', message: 'state bucket "faro-terraform-state-111122223333" has no default server-side encryption.' },
  },
  {
    rule: 'STATE-003',
    change: (p) => resource(p, 'bootstrap/state-bucket/public-access-block').addOverride('restrict_public_buckets', false),
    expected: { stack: 'bootstrap', resource: 'bootstrap/state-bucket/bucket', message: 'state bucket "faro-terraform-state-111122223333" has public access block settings that are not true: restrict_public_buckets.' },
  },
  {
    rule: 'STATE-004',
    change: (p) => remove(p, 'bootstrap/state-bucket/policy'),
    expected: { stack: 'bootstrap', resource: 'bootstrap/state-bucket/bucket', message: /has no policy statement denying requests without TLS/ },
  },
  {
    rule: 'STATE-005',
    change: (p) => (p.access as TerraformStack).addOverride('terraform.backend.s3.use_lockfile', false),
    expected: { stack: 'access', resource: 'access', message: 'S3 backend (key "global/github-oidc/terraform.tfstate") lacks use_lockfile = true.' },
  },
  {
    rule: 'STATE-007',
    change: (p) => resource(p, 'bootstrap/state-bucket/lifecycle').addOverride('rule.0.noncurrent_version_expiration.0.noncurrent_days', 2),
    expected: {
      stack: 'bootstrap',
      resource: 'bootstrap/state-bucket/bucket',
      message: 'state bucket "faro-terraform-state-111122223333" deletes old state versions after 2 days (bootstrap/state-bucket/lifecycle), fewer than 7.',
    },
  },
  {
    rule: 'STATE-008',
    config: { state: { ...base.state, noncurrentVersionExpirationDays: 10 } },
    expected: {
      stack: 'bootstrap',
      resource: 'bootstrap/state-bucket/bucket',
      message: 'state bucket "faro-terraform-state-111122223333" deletes old state versions after 10 days (bootstrap/state-bucket/lifecycle), fewer than 30.',
    },
  },
  {
    rule: 'K8S-001',
    change: (p) => resource(p, 'workloads-prod/service-rag-query/deployment').addOverride('spec.template.spec.container.0.image', '111122223333.dkr.ecr.eu-central-1.amazonaws.com/faro-rag/rag-query:latest'),
    expected: { stack: 'workloads-prod', resource: 'workloads-prod/service-rag-query/deployment', message: /^container "rag-query" runs ".*rag-query:latest" in production: the latest tag\.$/ },
  },
  {
    rule: 'K8S-002',
    // The configuration cannot leave resources out any more (services get built-in sizing), so
    // the finding comes from a later override, the way a construct added later could drop them.
    change: (p) => resource(p, 'workloads-prod/service-document-chunking/deployment').addOverride('spec.template.spec.container.0.resources', null),
    expected: { stack: 'workloads-prod', resource: 'workloads-prod/service-document-chunking/deployment', message: 'container "document-chunking" has no requests.cpu, requests.memory, limits.memory.' },
  },
  {
    rule: 'K8S-003',
    change: (p) => resource(p, 'workloads-dev/service-rag-query/deployment').addOverride('spec.template.spec.container.0.liveness_probe', null),
    expected: { stack: 'workloads-dev', resource: 'workloads-dev/service-rag-query/deployment', message: 'container "rag-query" has no liveness_probe.' },
  },
  {
    rule: 'K8S-004',
    change: (p) => {
      const deployment = resource(p, 'workloads-dev/service-rag-query/deployment');
      deployment.addOverride('spec.template.spec.container.0.security_context', null);
      deployment.addOverride('spec.template.spec.security_context', null);
    },
    expected: { stack: 'workloads-dev', resource: 'workloads-dev/service-rag-query/deployment', message: 'container "rag-query" may run as root (no run_as_non_root = true or run_as_user > 0).' },
  },
  {
    rule: 'K8S-005',
    // An allowed-repos entry edited to end mid-name (the stack emits <repository>: and <repository>@).
    config: { kubernetes: { ...base.kubernetes, admissionPolicy: { enabled: true } } },
    change: (p) => {
      const constraint = resource(p, 'workloads-prod/allowed-repos/constraint');
      constraint.addOverride('manifest.spec.parameters.repos', ['111122223333.dkr.ecr.eu-central-1.amazonaws.com/faro-rag/rag-query']);
    },
    expected: {
      stack: 'workloads-prod',
      resource: 'workloads-prod/allowed-repos/constraint',
      message:
        'allowed repository "111122223333.dkr.ecr.eu-central-1.amazonaws.com/faro-rag/rag-query" ends inside a name, so it also admits "111122223333.dkr.ecr.eu-central-1.amazonaws.com/faro-rag/rag-query-x".',
    },
  },
  {
    rule: 'SEC-002',
    // The configuration refuses a literal secret; an override after the build does not.
    change: (p) =>
      resource(p, 'workloads-prod/service-rag-query/deployment').addOverride('spec.template.spec.container.0.env', [{ name: 'OPENAI_API_KEY', value: 'sk-live-0000' }]),
    expected: { stack: 'workloads-prod', resource: 'workloads-prod/service-rag-query/deployment', message: 'container "rag-query" sets OPENAI_API_KEY, which looks like a secret (API_KEY), to a literal value.' },
  },
  {
    rule: 'SEC-003',
    config: { kubernetes: { ...base.kubernetes, clusters: { ...base.kubernetes.clusters, prod: { eksClusterName: 'faro-prod', eksAuth: 'token' } } } },
    expected: {
      stack: 'workloads-prod',
      resource: 'workloads-prod/cluster/eks-cluster-auth',
      message: 'the kubernetes provider takes its token from aws_eks_cluster_auth "faro-prod", which Terraform keeps in the plan and the state.',
    },
  },
];

describe('guardrails over the platform built from configuration', () => {
  it('the example configuration passes with zero errors and one warning: the local bootstrap state (STATE-006)', () => {
    const config = configWith();
    const { findings } = checkPlatform(build(config), config);
    expect(findings.map((f) => [f.level, f.ruleId, f.resource])).toEqual([['warning', 'STATE-006', 'bootstrap']]);
  });

  it('after the bootstrap migration (state.bootstrapBackend: s3) there is no finding at all', () => {
    const config = configWith({ state: { bootstrapBackend: 's3' } });
    expect(checkPlatform(build(config), config).findings).toEqual([]);
  });

  it('covers every rule', () => {
    expect(CASES.map((c) => c.rule).concat('STATE-006').sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it.each(CASES)('$rule: a configuration that breaks it gives its finding', ({ rule, config: overrides, change, expected }) => {
    const config = configWith(overrides ?? {});
    const platform = build(config);
    change?.(platform);
    const findings = findingsOf(platform, config);
    expect(findings.length).toBeGreaterThan(0);
    // Only this rule fires: the change breaks one thing.
    expect(findings.map((f) => f.ruleId)).toEqual(findings.map(() => rule));
    const first = findings[0];
    expect({ stack: first.stack, resource: first.resource }).toEqual({ stack: expected.stack, resource: expected.resource });
    if (typeof expected.message === 'string') expect(first.message).toBe(expected.message);
    else expect(first.message).toMatch(expected.message);
  });
});

describe('suppressions in the configuration', () => {
  const suppression = { rule: 'ECR-004', resource: 'registry/repo-faro-rag--rag-query/repository', reason: 'rag-query re-tags nightly builds until the release pipeline lands (PLAT-123).' };

  it('a suppression with a reason accepts the finding it names', () => {
    const config = configWith({ ...withRepository('faro-rag/rag-query', { tagMutability: 'MUTABLE' }), guardrails: { suppressions: [suppression] } });
    const result = checkPlatform(build(config), config);
    expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.finding.resource, s.reason])).toEqual([['ECR-004', suppression.resource, suppression.reason]]);
  });

  it('a CI role\'s allowUntrustedRefs is the one exception to CI-001, recorded with its reason like a suppression', () => {
    const reason = 'Release tags are protected by a tag ruleset (PLAT-42).';
    const role = { ...base.access.github.ciRoles[0], tags: ['v*'], allowUntrustedRefs: { reason } };
    const config = configWith({ access: { ...base.access, github: { ...base.access.github, ciRoles: [role] } } });
    const result = checkPlatform(build(config), config);
    expect(result.findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.finding.resource, s.reason])).toEqual([
      ['CI-001', 'access/ci-role-faro-github-actions/role', `allowUntrustedRefs: ${reason}`],
    ]);
  });

  it('the same suppression once the repository is fixed is stale: GUARD-002 fails the synth', () => {
    const config = configWith({ guardrails: { suppressions: [suppression] } });
    const errors = checkPlatform(build(config), config).findings.filter((f) => f.level === 'error');
    expect(errors).toEqual([
      {
        ruleId: 'GUARD-002',
        level: 'error',
        stack: 'config',
        resource: 'guardrails.suppressions[0]',
        message: 'suppression of ECR-004 for "registry/repo-faro-rag--rag-query/repository" matches no finding.',
        fix: expect.stringContaining('Remove the suppression'),
      },
    ]);
  });

  it('a suppression without a reason, or with one that is no sentence, is refused with the configuration path', () => {
    const problems = (suppressions: unknown[]) => {
      try {
        configWith({ guardrails: { suppressions: suppressions as any } });
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return (caught as ConfigError).problems;
      }
      return [];
    };
    const notASentence = (visible: number, words: number) =>
      `must be a sentence saying why the finding is acceptable: at least 20 visible characters and 3 words (whitespace, zero-width characters and punctuation alone say nothing), got ${visible} visible characters and ${words} words`;
    expect(
      problems([
        { rule: 'ECR-004', resource: 'registry/x' },
        { ...suppression, reason: ' ' },
        // The attack: a reason that looks filled in but says nothing.
        { ...suppression, reason: '\u200b\u200b\u200b\u200d\ufeff' },
        { ...suppression, reason: '......................!!' },
        { ...suppression, reason: 'ok' },
      ]),
    ).toEqual([
      { path: 'guardrails.suppressions[0].reason', message: 'is required (string)' },
      { path: 'guardrails.suppressions[1].reason', message: notASentence(0, 0) },
      { path: 'guardrails.suppressions[2].reason', message: notASentence(0, 0) },
      { path: 'guardrails.suppressions[3].reason', message: notASentence(24, 0) },
      { path: 'guardrails.suppressions[4].reason', message: notASentence(2, 1) },
    ]);
  });

  it('a suppression names one resource exactly: "*" and other patterns are refused', () => {
    let error: unknown;
    try {
      configWith({ guardrails: { suppressions: [{ ...suppression, resource: '*' }, { ...suppression, resource: 'registry/repo-*/repository' }] } });
    } catch (caught) {
      error = caught;
    }
    const message =
      'must name one resource exactly as the finding line prints it, without * or ? (a pattern also accepts findings on resources added later; write one suppression per resource)';
    expect((error as ConfigError).problems).toEqual([
      { path: 'guardrails.suppressions[0].resource', message: `${message}, got "*"` },
      { path: 'guardrails.suppressions[1].resource', message: `${message}, got "registry/repo-*/repository"` },
    ]);
  });
});
