// Issue 12 §2: IAM at any number of repositories and GitHub repositories. Managed policies stay
// within 6,144 characters (prefix ARNs, then several policies), within the policies a role may
// have attached, trust policies within 2,048 (or the declared quota), names within IAM's rules.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { parseConfig } from '../../src/config/load';
import { scaleConfig } from '../../src/cli/scale-config';
import { compactRepositoryNames } from '../../src/domain/ecr/repository-prefixes';
import { ecrStatements } from '../../src/domain/ecr/iam-actions';
import { renderPolicy } from '../../src/domain/iam/policy-document';
import { IAM_QUOTAS, iamQuotaSettings, policyLength } from '../../src/domain/iam/quotas';
import { iamLimitProblems } from '../../src/guardrails/iam-limits';
import { synthesizedStacks, type SynthesizedStack } from '../../src/guardrails';
import type { PlatformConfig } from '../../src/config/schema';
import { MINIMAL, minimalConfig, minimalProblems, type ConfigOverrides } from '../support/minimal-config';

const arn = (name: string) => `arn:aws:ecr:${MINIMAL.region}:${MINIMAL.account}:repository/${name}`;
const names = (count: number, name: (i: number) => string) => Array.from({ length: count }, (_, i) => name(i));
const flat = (count: number) => names(count, (i) => `svc-${String(i).padStart(4, '0')}`);
const repositories = (list: readonly string[]): ConfigOverrides => ({ registry: { repositories: list.map((name) => ({ name })) } });

function accessJson(config: PlatformConfig): any {
  return JSON.parse(Testing.synth(buildApp(config).access, true));
}

/** aws_iam_policy resources by policy name, each with its logical ID. */
function policiesByName(json: any): Record<string, { id: string; document: any; length: number }> {
  return Object.fromEntries(
    Object.entries<any>(json.resource.aws_iam_policy ?? {}).map(([id, body]) => [body.name, { id, document: JSON.parse(body.policy), length: policyLength(body.policy) }]),
  );
}

const resourcesOf = (policy: { document: any }) => [policy.document.Statement.at(-1).Resource].flat();

describe('managed policies: at most 6,144 characters however many repositories', () => {
  const all = flat(1000);
  const json = accessJson(minimalConfig(repositories(all)));
  const policies = policiesByName(json);

  it('would be 60,294 characters as one policy (the failing example)', () => {
    expect(policyLength(renderPolicy(ecrStatements('pull', all.map(arn))))).toBe(60294);
  });

  it('splits the pull-only and read grants into policies within the limit, covering every repository once', () => {
    const pull = Object.keys(policies).filter((name) => /^acme-ecr-pull-only(-\d+)?$/.test(name));
    const read = Object.keys(policies).filter((name) => /^acme-ecr-read(-\d+)?$/.test(name));
    expect(pull.length).toBeGreaterThan(1);
    expect(read.length).toBeGreaterThan(1);
    for (const name of Object.keys(policies)) expect(policies[name].length).toBeLessThanOrEqual(IAM_QUOTAS.managedPolicyLength);
    expect(pull.flatMap((name) => resourcesOf(policies[name])).sort()).toEqual(all.map(arn).sort());
    expect(read.flatMap((name) => resourcesOf(policies[name])).sort()).toEqual(all.map(arn).sort());
    // Every pull-only policy carries the token statement, so any one of them works on its own.
    for (const name of pull) expect(policies[name].document.Statement[0]).toEqual({ Sid: 'GetAuthorizationToken', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
  });

  it('keeps the first policy\'s name and logical ID; the others are -2, -3, ... and listed in the outputs', () => {
    expect(policies['acme-ecr-pull-only'].id).toMatch(/^ecr-pull-only_policy_[0-9A-F]{8}$/);
    expect(policies['acme-ecr-pull-only-2'].id).toMatch(/^ecr-pull-only_policy-2_[0-9A-F]{8}$/);
    const count = Object.keys(policies).filter((name) => name.startsWith('acme-ecr-pull-only')).length;
    expect(json.output.ecr_pull_only_policy_arns.value).toHaveLength(count);
    expect(json.output.ecr_pull_only_policy_arn.value).toBe(`\${aws_iam_policy.${policies['acme-ecr-pull-only'].id}.arn}`);
  });

  it('keeps the exact ARNs of a small registry (nothing widened while one policy holds them)', () => {
    const small = policiesByName(accessJson(minimalConfig(repositories(['team-a/x', 'team-a/y', 'team-b/z']))));
    expect(resourcesOf(small['acme-ecr-pull-only'])).toEqual([arn('team-a/x'), arn('team-a/y'), arn('team-b/z')]);
  });
});

describe('prefix ARNs where a prefix means exactly the intended repositories', () => {
  const teams = names(300, (i) => `team-${'abc'[i % 3]}/svc-${String(i).padStart(3, '0')}`);

  it('grants repository/<team>/* for every team once the exact ARNs do not fit', () => {
    const policies = policiesByName(accessJson(minimalConfig(repositories(teams))));
    expect(resourcesOf(policies['acme-ecr-pull-only'])).toEqual([arn('team-a/*'), arn('team-b/*'), arn('team-c/*')]);
    expect(policies['acme-ecr-pull-only-2']).toBeUndefined();
  });

  it('never sweeps in what a pull-through cache creates under the prefix', () => {
    const config = minimalConfig({ ...repositories(teams), pullThroughCache: { rules: [{ upstream: 'quay', prefix: 'team-b/quay' }] } });
    const resources = Object.values(policiesByName(accessJson(config)))
      .filter((p) => p.document.Statement.some((s: any) => s.Sid === 'PullFromRepositories'))
      .flatMap(resourcesOf);
    expect(resources).toEqual(expect.arrayContaining([arn('team-a/*'), arn('team-c/*'), arn('team-b/svc-001')]));
    expect(resources).not.toContain(arn('team-b/*'));
    expect(resources.filter((r) => r.includes('/team-b/'))).toHaveLength(100);
  });

  it.each([
    ['every repository under the prefix is intended', ['a/x', 'a/y'], ['a/x', 'a/y'], [], ['a/*']],
    ['a configured repository under it is not', ['a/x', 'a/y'], ['a/x', 'a/y', 'a/z'], [], ['a/x', 'a/y']],
    ['one repository keeps its own ARN', ['a/x', 'b/y'], ['a/x', 'b/y'], [], ['a/x', 'b/y']],
    ['the shortest prefix that means them', ['a/b/x', 'a/b/y', 'a/c/z'], ['a/b/x', 'a/b/y', 'a/c/z', 'd'], [], ['a/*']],
    ['a deeper prefix when the shorter one is not exact', ['a/b/x', 'a/b/y'], ['a/b/x', 'a/b/y', 'a/c/z'], [], ['a/b/*']],
    ['a cache prefix below it', ['a/x', 'a/y'], ['a/x', 'a/y'], ['a/hub'], ['a/x', 'a/y']],
    ['a cache prefix above it', ['a/b/x', 'a/b/y'], ['a/b/x', 'a/b/y'], ['a'], ['a/b/x', 'a/b/y']],
    ['a cache prefix that only starts alike', ['a/x', 'a/y'], ['a/x', 'a/y'], ['a-hub'], ['a/*']],
    ['a repository named like the prefix is not under it', ['a', 'a/x', 'a/y'], ['a', 'a/x', 'a/y'], [], ['a', 'a/*']],
  ])('%s', (_, intended, configured, reserved, expected) => {
    expect(compactRepositoryNames(intended, configured, reserved)).toEqual(expected);
  });
});

describe('managed policies per role: 10 by default, aws.iamQuotas.managedPoliciesPerRole up to 20', () => {
  const grant = (count: number, quota?: number): ConfigOverrides => ({
    ...repositories(flat(count)),
    aws: quota ? { iamQuotas: { managedPoliciesPerRole: quota } } : {},
    access: { pullPrincipals: [{ name: 'tools', principal: `arn:aws:iam::${MINIMAL.account}:role/tools`, repositories: flat(count) }] },
  });

  it('refuses a grant that needs more policies than the role may have, naming the count and the way out', () => {
    expect(minimalProblems(grant(500))).toEqual([
      'access.pullPrincipals[0].repositories: must need at most 10 managed policies for role "tools" (aws.iamQuotas.managedPoliciesPerRole; IAM attaches no more), ' +
        'got 12: 6 pull-only (500 repositories), 6 read (500 repositories), each policy at most 6,144 characters, besides the policies the role has already. ' +
        'Name the repositories under shared prefixes (team-a/<name>: a whole prefix is granted as team-a/*), grant prefix patterns such as team-a/*, ' +
        'or have Service Quotas raise the quota (up to 20) and declare it',
    ]);
  });

  it('accepts it with the raised quota declared, and attaches every policy', () => {
    const json = accessJson(minimalConfig(grant(500, 20)));
    const attached = Object.values<any>(json.resource.aws_iam_role_policy_attachment).filter((a) => a.role === 'tools');
    expect(attached).toHaveLength(12);
  });

  it('refuses a declared quota above what AWS grants', () => {
    expect(minimalProblems({ aws: { iamQuotas: { managedPoliciesPerRole: 21 } } })).toEqual([expect.stringMatching(/^aws\.iamQuotas\.managedPoliciesPerRole: .*20.*got 21/)]);
  });
});

describe('trust policies: 2,048 characters by default, aws.iamQuotas.roleTrustPolicyLength up to 4,096', () => {
  const github = (count: number, quota?: number): ConfigOverrides => {
    const repos = names(count, (i) => `acme-corp/service-${String(i).padStart(2, '0')}`);
    return {
      aws: quota ? { iamQuotas: { roleTrustPolicyLength: quota } } : {},
      access: { github: { repositories: repos, ciRoles: [{ name: 'acme-ci', branches: ['main'], tags: ['v*'], environments: ['production'], pushTo: ['app'] }] } },
    };
  };

  it('refuses 25 GitHub repositories with three refs, with the count and the ways out', () => {
    expect(minimalProblems(github(25))).toEqual([
      'access.github.ciRoles[0]: must have a trust policy of at most 2,048 characters (white space not counted; aws.iamQuotas.roleTrustPolicyLength), ' +
        'got 4,327 for 75 subjects (25 repositories × 3 refs). Split the role into several ciRoles entries with their own repositories ' +
        '(the first 9 of its repositories fit in one role), trust fewer refs (patterns such as release/*), ' +
        'or have Service Quotas raise the quota (up to 4,096) and declare it',
    ]);
  });

  it('accepts 20 of them with the raised quota declared, and the synthesized trust policy is within it', () => {
    expect(minimalProblems(github(20))).toEqual([expect.stringMatching(/^access\.github\.ciRoles\[0\]: must have a trust policy of at most 2,048 characters/)]);
    const config = minimalConfig(github(20, 4096));
    const role = Object.values<any>(accessJson(config).resource.aws_iam_role).find((r) => r.name === 'acme-ci');
    const length = policyLength(role.assume_role_policy);
    expect(length).toBeGreaterThan(IAM_QUOTAS.roleTrustPolicyLength.default);
    expect(length).toBeLessThanOrEqual(4096);
  });
});

describe('names: roles at most 64 characters, policies 128, unique regardless of case', () => {
  const ciRole = (name: string) => ({ name, branches: ['main'], pushTo: ['app'] });
  const withRoles = (...roleNames: string[]): ConfigOverrides => ({
    access: { github: { repositories: ['acme-corp/app'], ciRoles: roleNames.map(ciRole) } },
  });

  it('refuses two CI roles whose names differ only in case (and their push policies)', () => {
    expect(minimalProblems(withRoles('acme-ci', 'Acme-CI'))).toEqual([
      'access.github.ciRoles[1].name: must not differ from role name "acme-ci" (access.github.ciRoles[0].name) only in case: IAM names are unique regardless of case, got "Acme-CI"',
      'access.github.ciRoles[1].name: must not differ from managed policy name "acme-ci-ecr-push" (access.github.ciRoles[0].name) only in case: IAM names are unique regardless of case, got "Acme-CI-ecr-push"',
    ]);
  });

  it('refuses a created role with the name of an existing role the configuration refers to', () => {
    expect(minimalProblems({ ...withRoles('acme-dev-node'), pullThroughCache: { nodeRoleNames: ['ACME-dev-node'] } })).toEqual([
      'pullThroughCache.nodeRoleNames[0]: must not differ from role name "acme-dev-node" (access.github.ciRoles[0].name) only in case: IAM names are unique regardless of case, got "ACME-dev-node"',
    ]);
    expect(minimalProblems({ ...withRoles('acme-dev-node'), pullThroughCache: { nodeRoleNames: ['acme-dev-node'] } })).toEqual([
      'pullThroughCache.nodeRoleNames[0]: must not be the name of the role of access.github.ciRoles[0].name as well: IAM refuses to create a role whose name exists, got "acme-dev-node"',
    ]);
  });

  it('refuses two grants whose policies get one name', () => {
    expect(
      minimalProblems({
        access: {
          imageUpdater: { roleName: 'acme-tools', clusterName: 'acme-prod', repositories: ['app'] },
          pullPrincipals: [{ name: 'tools', principal: `arn:aws:iam::${MINIMAL.account}:role/tools`, repositories: ['app'] }],
        },
      }),
    ).toEqual([
      'access.pullPrincipals[0].name: must not be the name of the managed policy of access.imageUpdater.roleName as well: IAM refuses to create a managed policy whose name exists, got "acme-tools-ecr-pull-only"',
      'access.pullPrincipals[0].name: must not be the name of the managed policy of access.imageUpdater.roleName as well: IAM refuses to create a managed policy whose name exists, got "acme-tools-ecr-read"',
    ]);
  });

  it('counts the platform\'s deploy role among the roles it creates', () => {
    expect(
      minimalProblems({
        access: {
          github: { repositories: ['acme-corp/app'], ciRoles: [] },
          deployRole: { name: 'acme-deploy', repository: 'acme-corp/app', environment: 'production' },
        },
        pullThroughCache: { nodeRoleNames: ['ACME-deploy'] },
      }),
    ).toEqual([
      'pullThroughCache.nodeRoleNames[0]: must not differ from role name "acme-deploy" (access.deployRole.name) only in case: IAM names are unique regardless of case, got "ACME-deploy"',
    ]);
  });

  it('refuses a role name of 65 characters', () => {
    expect(minimalProblems(withRoles('r'.repeat(65)))).toEqual([`access.github.ciRoles[0].name: must be an IAM role name (1-64 of letters, digits and +=,.@_-), got "${'r'.repeat(65)}"`]);
  });
});

describe('the synthesized IAM resources, checked against the quotas (the last word before Terraform)', () => {
  const stack = (resources: any): SynthesizedStack => ({
    name: 'access',
    dependencies: [],
    json: { provider: { aws: [{ region: MINIMAL.region, allowed_account_ids: [MINIMAL.account] }] }, resource: resources },
  });
  const quotas = iamQuotaSettings(undefined);
  const meta = (path: string) => ({ '//': { metadata: { path } } });

  it('names a managed policy over 6,144 characters and its size', () => {
    const policy = renderPolicy(ecrStatements('pull', flat(100).map(arn)));
    expect(iamLimitProblems([stack({ aws_iam_policy: { p: { ...meta('access/p/policy'), name: 'big', policy } } })], quotas)).toEqual([
      `[access/p/policy] managed policy 'big' must be at most 6,144 characters (white space not counted), got ${policyLength(policy).toLocaleString('en-US')}`,
    ]);
  });

  it('measures a trust policy with the OIDC provider ARN Terraform will put in, and counts attachments per role', () => {
    const trust = JSON.stringify({ Statement: [{ Principal: { Federated: '${aws_iam_openid_connect_provider.gh.arn}' }, Condition: { StringEquals: { sub: 'x'.repeat(1950) } } }] });
    const attachments = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { ...meta(`access/a${i}`), role: 'tools', policy_arn: `arn:aws:iam::${MINIMAL.account}:policy/p${i}` }]));
    const problems = iamLimitProblems(
      [
        stack({
          aws_iam_openid_connect_provider: { gh: { url: 'https://token.actions.githubusercontent.com' } },
          aws_iam_role: { r: { ...meta('access/r/role'), name: 'ci', assume_role_policy: trust }, s: { ...meta('access/s/role'), name: 'CI', assume_role_policy: '{}' } },
          aws_iam_role_policy_attachment: attachments,
        }),
      ],
      quotas,
    );
    const length = policyLength(trust.replace('${aws_iam_openid_connect_provider.gh.arn}', `arn:aws:iam::${MINIMAL.account}:oidc-provider/token.actions.githubusercontent.com`));
    expect(problems).toEqual([
      `[access/r/role] trust policy of role 'ci' must be at most 2,048 characters (white space not counted; aws.iamQuotas.roleTrustPolicyLength), got ${length.toLocaleString('en-US')}`,
      '[access/a0] role tools must have at most 10 managed policies attached (aws.iamQuotas.managedPoliciesPerRole), got 11',
      "[access/s/role] role name 'CI' must be unique in the account regardless of case, got it again (access/r/role is 'ci')",
    ]);
  });
});

describe('the example with 1,000 repositories and 30 GitHub repositories', () => {
  it('synthesizes every stack within every IAM limit', () => {
    const config = parseConfig(scaleConfig({ repositories: 1000, githubRepositories: 30 }));
    expect(config.registry.repositories).toHaveLength(1006);
    expect(config.access.github.repositories).toHaveLength(30);
    const platform = buildApp(config);
    const stacks = synthesizedStacks(platform.app);
    expect(iamLimitProblems(stacks, iamQuotaSettings(config.aws.iamQuotas))).toEqual([]);
    const access = stacks.find((s) => s.name === 'access')!.json;
    const policies = Object.values<any>(access.resource.aws_iam_policy);
    expect(policies.map((p) => p.name)).toEqual(expect.arrayContaining(['faro-ecr-pull-only', 'faro-ecr-read', 'faro-auditors-ecr-pull-only', 'faro-ci-group-2-ecr-push']));
    for (const policy of policies) expect(policyLength(policy.policy)).toBeLessThanOrEqual(IAM_QUOTAS.managedPolicyLength);
    for (const role of Object.values<any>(access.resource.aws_iam_role)) expect(policyLength(role.assume_role_policy)).toBeLessThanOrEqual(IAM_QUOTAS.roleTrustPolicyLength.default);
    // The auditors' 250 repositories are five whole teams: five prefix ARNs.
    const auditors = JSON.parse(policies.find((p) => p.name === 'faro-auditors-ecr-pull-only').policy);
    expect(auditors.Statement[1].Resource).toEqual(['team-00', 'team-01', 'team-02', 'team-03', 'team-04'].map((t) => `arn:aws:ecr:eu-central-1:111122223333:repository/${t}/*`));
  });
});
