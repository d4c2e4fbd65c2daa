// The pullThroughCache section's checks, on the minimal configuration.
import { minimalProblems, withRepositories, type ConfigOverrides } from '../support/minimal-config';

const ACCOUNT = '111122223333';
const REGION = 'eu-central-1';
const secretArn = (name: string, region = REGION, account = ACCOUNT) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}-AbCdEf`;

/** Problems of the minimal configuration with this pullThroughCache section (and `more`), as "path: message" lines. */
function problemsWith(pullThroughCache: Record<string, unknown>, more: ConfigOverrides = {}): string[] {
  return minimalProblems({ ...more, pullThroughCache: pullThroughCache as ConfigOverrides['pullThroughCache'] });
}

describe('pullThroughCache configuration', () => {
  it('accepts every supported upstream with its credential choices', () => {
    expect(
      problemsWith({
        rules: [
          { upstream: 'docker-hub' },
          { upstream: 'docker-hub', prefix: 'docker-hub-org', credentialArn: secretArn('ecr-pullthroughcache/docker-hub-org') },
          { upstream: 'quay' },
          { upstream: 'github', prefix: 'ghcr' },
          { upstream: 'k8s' },
          { upstream: 'ecr-public' },
          { upstream: 'gitlab' },
          { upstream: 'azure', azureRegistryName: 'faroacr', prefix: 'azure/faro' },
          { upstream: 'azure', azureRegistryName: 'partneracr', prefix: 'azure/partner', createCredential: true },
        ],
        nodeRoleNames: ['faro-dev-eks-node'],
        accounts: ['444455556666'],
      }),
    ).toEqual([]);
  });

  it('rejects an upstream that needs a credential when the configuration opts out of creating one and names none', () => {
    expect(problemsWith({ rules: [{ upstream: 'docker-hub', createCredential: false }] })).toEqual([
      'pullThroughCache.rules[0]: Docker Hub (docker-hub) needs a credential: ECR refuses a pull-through cache rule for it without one. ' +
        'Set credentialArn to an existing secret named ecr-pullthroughcache/<name>, or remove createCredential: false so the stack creates the empty secret "ecr-pullthroughcache/docker-hub"',
    ]);
    for (const upstream of ['github', 'gitlab']) {
      expect(problemsWith({ rules: [{ upstream, createCredential: false }] })).toEqual([expect.stringMatching(/^pullThroughCache\.rules\[0\]: .+ needs a credential/)]);
    }
  });

  it('requires the Azure registry name, checks it, and refuses it on other upstreams', () => {
    expect(problemsWith({ rules: [{ upstream: 'azure' }] })).toEqual([
      'pullThroughCache.rules[0].azureRegistryName: is required for upstream azure: the <name> of <name>.azurecr.io',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'azure', azureRegistryName: 'my-acr' }] })).toEqual([
      'pullThroughCache.rules[0].azureRegistryName: must be an Azure registry name (5-50 letters and digits, the <name> of <name>.azurecr.io), got "my-acr"',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'quay', azureRegistryName: 'faroacr' }] })).toEqual([
      'pullThroughCache.rules[0].azureRegistryName: only applies to upstream azure, and this rule\'s upstream is "quay": remove it',
    ]);
  });

  it('validates an existing credential ARN: Secrets Manager, the ecr-pullthroughcache/ name, this account and region', () => {
    expect(problemsWith({ rules: [{ upstream: 'docker-hub', credentialArn: secretArn('dockerhub-creds') }] })).toEqual([
      'pullThroughCache.rules[0].credentialArn: must name a secret called ecr-pullthroughcache/<name> (AWS accepts no other name for a pull-through cache credential), got secret name "dockerhub-creds-AbCdEf"',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'github', credentialArn: secretArn('ecr-pullthroughcache/github', 'us-east-1', '999988887777') }] })).toEqual([
      "pullThroughCache.rules[0].credentialArn: must be a secret in the registry's account 111122223333 and region eu-central-1 (ECR reads it from there), got account 999988887777 and region us-east-1",
    ]);
    expect(problemsWith({ rules: [{ upstream: 'gitlab', credentialArn: 'ecr-pullthroughcache/gitlab' }] })).toEqual([
      'pullThroughCache.rules[0].credentialArn: must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:ecr-pullthroughcache/<name>), got "ecr-pullthroughcache/gitlab"',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'docker-hub', credentialArn: secretArn('ecr-pullthroughcache/docker-hub'), createCredential: true }] })).toEqual([
      'pullThroughCache.rules[0].createCredential: conflicts with credentialArn: the rule uses that existing secret; remove one of them',
    ]);
  });

  it('refuses a credential for an upstream that takes none', () => {
    expect(problemsWith({ rules: [{ upstream: 'quay', credentialArn: secretArn('ecr-pullthroughcache/quay') }, { upstream: 'k8s', createCredential: true }] })).toEqual([
      'pullThroughCache.rules[0].credentialArn: does not apply: Quay (quay) needs no credential and ECR takes none for it; remove it',
      'pullThroughCache.rules[1].createCredential: does not apply: Kubernetes registry (k8s) needs no credential and ECR takes none for it; remove it',
    ]);
  });

  it("checks prefixes against AWS's pattern (2-30 characters)", () => {
    const message = (value: string) =>
      `pullThroughCache.rules[0].prefix: must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got "${value}"`;
    for (const prefix of ['Docker_Hub', 'd', 'a'.repeat(31), 'docker--hub', '/docker', 'docker/', 'ROOT']) {
      expect(problemsWith({ rules: [{ upstream: 'docker-hub', prefix }] })).toEqual([message(prefix)]);
    }
    for (const prefix of ['dh', 'a'.repeat(30), 'cache/docker-hub', 'docker.hub_1']) {
      expect(problemsWith({ rules: [{ upstream: 'docker-hub', prefix }] })).toEqual([]);
    }
  });

  it('keeps prefixes unique, not nested, and away from the platform repositories', () => {
    expect(problemsWith({ rules: [{ upstream: 'docker-hub' }, { upstream: 'docker-hub' }] })).toEqual([
      'pullThroughCache.rules[1]: prefix (default: the upstream name "docker-hub") is already the prefix of rules[0]: give each rule its own prefix',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'quay', prefix: 'cache' }, { upstream: 'k8s', prefix: 'cache/k8s' }] })).toEqual([
      'pullThroughCache.rules[1].prefix: "cache/k8s" nests with rules[0]\'s prefix "cache": a cached repository would match both rules; use prefixes that do not nest',
    ]);
    expect(problemsWith({ rules: [{ upstream: 'quay', prefix: 'team' }] }, withRepositories({ name: 'team/api' }))).toEqual([
      'pullThroughCache.rules[0].prefix: "team" is where the platform\'s repository "team/api" (registry.repositories[1]) lives: cached images would mix with it; choose another prefix',
    ]);
  });

  it('refuses a cache prefix under any push grant: the cache is where nodes pull upstream images from', () => {
    const github = (pushTo: string[]) => ({ access: { github: { repositories: ['acme/app'], ciRoles: [{ name: 'acme-ci', branches: ['main'], pushTo }] } } });
    // The attack: CI may push to team/*, and the cache serves upstream images under team/hub.
    expect(problemsWith({ rules: [{ upstream: 'quay', prefix: 'team/hub' }] }, { ...withRepositories({ name: 'team/app' }), ...github(['team/*']) })).toEqual([
      'pullThroughCache.rules[0].prefix: "team/hub" lies under a push grant: CI role "acme-ci" may push to "team/*" (access.github.ciRoles[0].pushTo[0]), so it could write images where nodes pull cached upstream images; choose a prefix that no push grant covers, or narrow the grant',
    ]);
    // A grant on one repository beside the prefix reaches nothing the cache creates.
    expect(problemsWith({ rules: [{ upstream: 'quay', prefix: 'team/hub' }] }, { ...withRepositories({ name: 'team/app' }), ...github(['team/app']) })).toEqual([]);
    // A repository-policy push grant, and one inherited from registry.defaults, on a repository under the prefix.
    const pusher = 'arn:aws:iam::222233334444:role/ci';
    expect(problemsWith({ rules: [{ upstream: 'quay', prefix: 'hub' }] }, withRepositories({ name: 'hub/nginx', push: { principals: [pusher] } }))).toEqual([
      'pullThroughCache.rules[0].prefix: "hub" is where the platform\'s repository "hub/nginx" (registry.repositories[1]) lives: cached images would mix with it; choose another prefix',
      `pullThroughCache.rules[0].prefix: "hub" lies under a push grant: "${pusher}" may push to "hub/nginx" (registry.repositories[1].push.principals), so it could write images where nodes pull cached upstream images; choose a prefix that no push grant covers, or narrow the grant`,
    ]);
    expect(
      problemsWith({ rules: [{ upstream: 'quay', prefix: 'hub' }] }, { registry: { defaults: { push: { principals: [pusher] } }, repositories: [{ name: 'app' }, { name: 'hub' }] } }),
    ).toEqual([
      'pullThroughCache.rules[0].prefix: "hub" is where the platform\'s repository "hub" (registry.repositories[1]) lives: cached images would mix with it; choose another prefix',
      `pullThroughCache.rules[0].prefix: "hub" lies under a push grant: "${pusher}" may push to "hub" (registry.defaults.push.principals), so it could write images where nodes pull cached upstream images; choose a prefix that no push grant covers, or narrow the grant`,
    ]);
  });

  it('checks the creation templates: lifecycle rules like every other policy, reserved tag keys', () => {
    const twoUntagged = {
      rules: [
        { tagStatus: 'untagged', expireAfterDays: 1 },
        { tagStatus: 'untagged', expireAfterDays: 2 },
      ],
    };
    expect(
      problemsWith({
        rules: [{ upstream: 'quay', template: { lifecyclePolicy: twoUntagged } }],
        template: { resourceTags: { 'aws:owner': 'x', Team: 'platform' } },
      }),
    ).toEqual([
      'pullThroughCache.template.resourceTags.aws:owner: must not start with "aws:" (AWS reserves those tag keys), got "aws:owner"',
      expect.stringMatching(/^pullThroughCache\.rules\[0\]\.template\.lifecyclePolicy\.rules\[1\]\.tagStatus: must not select untagged images again/),
    ]);
  });

  it('refuses repeated node roles and accounts, and the platform account as a foreign one', () => {
    expect(
      problemsWith({ rules: [{ upstream: 'quay' }], nodeRoleNames: ['node', 'other', 'node'], accounts: ['444455556666', '444455556666', ACCOUNT] }),
    ).toEqual([
      'pullThroughCache.nodeRoleNames[2]: lists "node" a second time (first at nodeRoleNames[0]); remove it',
      'pullThroughCache.accounts[1]: lists "444455556666" a second time (first at accounts[0]); remove it',
      `pullThroughCache.accounts[2]: is the platform's own account "${ACCOUNT}": grant its node roles through nodeRoleNames instead`,
    ]);
  });

  it('reports every mistake in one round', () => {
    expect(
      problemsWith({
        rules: [
          { upstream: 'docker-hub', createCredential: false },
          { upstream: 'azure' },
          { upstream: 'quay', prefix: 'Q' },
        ],
      }),
    ).toHaveLength(3);
  });
});
