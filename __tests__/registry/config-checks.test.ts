// The registry section's checks, on the minimal configuration ("app" is registry.repositories[0]).
import { resolveRepositories } from '../../src/config/model';
import { minimalConfig, minimalProblems, withRepositories, type ConfigOverrides } from '../support/minimal-config';
import { manyRepositories } from './support';

type Registry = NonNullable<ConfigOverrides['registry']>;
const registryProblems = (registry: Registry) => minimalProblems({ registry });
/** Problems with `repositories` added after "app": the first added is registry.repositories[1]. */
const problemsAdding = (...repositories: any[]) => minimalProblems(withRepositories(...repositories));

describe('registry configuration checks', () => {
  it('accepts the minimal configuration', () => {
    expect(minimalProblems()).toEqual([]);
  });

  describe('repository names', () => {
    it('must match AWS pattern', () => {
      expect(problemsAdding({ name: 'Faro/RAG' })).toEqual([
        'registry.repositories[1].name: must match (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)* (lower-case letters and digits separated by single . _ - or /; 2-256 characters), got "Faro/RAG"',
      ]);
      expect(problemsAdding({ name: 'double--dash' }, { name: 'trailing/' })).toHaveLength(2);
    });

    it('must be 2 to 256 characters', () => {
      expect(problemsAdding({ name: 'a' })).toEqual(['registry.repositories[1].name: must be 2 to 256 characters, got "a" (1)']);
      expect(problemsAdding({ name: 'a'.repeat(257) })[0]).toMatch(/^registry\.repositories\[1\]\.name: must be 2 to 256 characters, got "a{76}\.\.\. \(257\)$/);
    });

    it('must be unique', () => {
      expect(problemsAdding({ name: 'api' }, { name: 'app' })).toEqual([
        'registry.repositories[2].name: must be unique, got "app", which registry.repositories[0] has too',
      ]);
    });

    it('are checked after the naming scheme', () => {
      const repositories = [{ name: 'api', environment: 'dev' }, { name: 'api', environment: 'prod' }, { name: 'Api', environment: 'dev' }];
      expect(registryProblems({ namingScheme: '{project}-{name}-{environment}', repositories })).toEqual([
        expect.stringMatching(/^registry\.repositories\[2\]\.name: must match .*, got "acme-Api-dev" \(made by namingScheme "\{project\}-\{name\}-\{environment\}" from name "Api"\)$/),
      ]);
    });
  });

  describe('naming scheme', () => {
    it('{environment} needs each repository to name its environment', () => {
      expect(registryProblems({ namingScheme: '{project}-{name}-{environment}', repositories: [{ name: 'api' }] })).toEqual([
        'registry.repositories[0].environment: is required because namingScheme "{project}-{name}-{environment}" uses {environment}, got nothing',
      ]);
    });

    it('the environment must be a configured one', () => {
      expect(registryProblems({ namingScheme: '{project}-{name}-{environment}', repositories: [{ name: 'api', environment: 'stage' }] })).toEqual([
        'registry.repositories[0].environment: must be one of the environments (dev, prod), got "stage"',
      ]);
    });

    it('an environment without {environment} in the scheme is a mistake', () => {
      expect(problemsAdding({ name: 'api', environment: 'dev' })).toEqual([
        'registry.repositories[1].environment: must be omitted: namingScheme "{name}" has no {environment} (use "{project}-{name}-{environment}" or drop the field), got "dev"',
      ]);
    });
  });

  describe('tag mutability', () => {
    it('rejects the *_WITH_EXCLUSION modes with the reason', () => {
      expect(problemsAdding({ name: 'api', tagMutability: 'IMMUTABLE_WITH_EXCLUSION' })).toEqual([
        'registry.repositories[1].tagMutability: must be "MUTABLE" or "IMMUTABLE": the AWS provider this project pins (5.100.0) has no *_WITH_EXCLUSION modes, got "IMMUTABLE_WITH_EXCLUSION"',
      ]);
    });

    it('rejects anything else, in the defaults too', () => {
      expect(registryProblems({ defaults: { tagMutability: 'immutable' as any } })).toEqual(['registry.defaults.tagMutability: must be "MUTABLE" or "IMMUTABLE", got "immutable"']);
    });
  });

  describe('foreign pushers', () => {
    it('the attack: a push grant to another account in registry.defaults reaches the production repositories', () => {
      expect(
        registryProblems({
          defaults: { push: { principals: ['arn:aws:iam::222233334444:role/ci', 'arn:aws:iam::111122223333:role/own-ci'] } },
          repositories: [{ name: 'app' }, { name: 'api', environments: ['prod'] }],
        }),
      ).toEqual([
        'registry.defaults.push.principals[0]: must not reach the repositories production uses ("api"): account 222233334444 could push what production runs; grant it on a production repository by name instead (its own push.principals), got "arn:aws:iam::222233334444:role/ci"',
      ]);
    });

    it('a production repository that opts in by name, or no production repository reached, is accepted', () => {
      const defaults = { push: { principals: ['222233334444'] } };
      expect(registryProblems({ defaults, repositories: [{ name: 'app' }, { name: 'api', environments: ['prod'], push: { principals: ['222233334444'] } }] })).toEqual([]);
      expect(registryProblems({ defaults, repositories: [{ name: 'app' }, { name: 'tools', environments: ['dev'] }] })).toEqual([]);
    });
  });

  describe('force delete', () => {
    it('the attack: forceDelete on a repository production uses is refused', () => {
      expect(problemsAdding({ name: 'api', environments: ['prod'], forceDelete: true })).toEqual([
        'registry.repositories[1].forceDelete: must be false for a repository production uses (environments "prod"): terraform destroy or a replacement would delete every image production runs, got true',
      ]);
    });

    it('registry.defaults.forceDelete does not reach production repositories', () => {
      const config = minimalConfig({ registry: { defaults: { forceDelete: true }, repositories: [{ name: 'app' }, { name: 'api', environments: ['prod'] }] } });
      expect(Object.fromEntries(resolveRepositories(config).map((r) => [r.name, r.forceDelete]))).toEqual({ app: true, api: false });
    });
  });

  describe('lifecycle policies', () => {
    it('point at the repository, the rule and the field', () => {
      const lifecyclePolicy = { rules: [{ tagStatus: 'untagged', expireAfterDays: 3 }, { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 1, countUnit: 'hours' }] };
      expect(problemsAdding({ name: 'api', lifecyclePolicy })).toEqual([
        'registry.repositories[1].lifecyclePolicy.rules[1].tagStatus: must not select untagged images again: only one rule may, and rules[0] already does, got "untagged" (repository "api", rule with priority 2)',
        'registry.repositories[1].lifecyclePolicy.rules[1].countUnit: must be "days" when countType is "sinceImagePushed", got "hours" (repository "api", rule with priority 2)',
      ]);
    });

    it('a huge priority before a rule without one is refused with a message, not an endless synth', () => {
      const lifecyclePolicy = { rules: [{ tagStatus: 'tagged', tagPrefixes: ['v'], keepLast: 5, priority: 1e300 }, { tagStatus: 'untagged', expireAfterDays: 3 }] };
      expect(problemsAdding({ name: 'api', lifecyclePolicy })).toEqual([
        `registry.repositories[1].lifecyclePolicy.rules[0].priority: must be a whole number from 1 to 2147483647 (AWS's integer), got 1e+300 (repository "api", rule with priority 1e+300)`,
      ]);
    });

    it('archive rules from the configuration, checked', () => {
      const lifecyclePolicy = { rules: [{ tagStatus: 'any', countType: 'sinceImageTransitioned', countNumber: 30, storageClass: 'archive' }] };
      expect(problemsAdding({ name: 'api', lifecyclePolicy })).toEqual([
        `registry.repositories[1].lifecyclePolicy.rules[0].countNumber: must be at least 90 when countType is "sinceImageTransitioned": archived images are kept 90 days at least (ECR's minimum storage duration), got 30 (repository "api", rule with priority 1)`,
      ]);
    });

    it('defaults are checked once, not once per repository', () => {
      const problems = registryProblems({ defaults: { lifecyclePolicy: { rules: [{ tagStatus: 'tagged', keepLast: 3 }] } } });
      expect(problems).toEqual([
        'registry.defaults.lifecyclePolicy.rules[0].tagPrefixes: must list at least one tag prefix (or set tagPatterns) when tagStatus is "tagged", got nothing (rule with priority 1)',
      ]);
    });
  });

  it('KMS keys must be in the registry region', () => {
    expect(problemsAdding({ name: 'api', encryption: { type: 'KMS', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc-123' } })).toEqual([
      'registry.repositories[1].encryption.kmsKeyArn: must be a key in the registry\'s region eu-central-1 (ECR cannot use keys of other regions), got "arn:aws:kms:us-east-1:111122223333:key/abc-123"',
    ]);
  });

  describe('scanning', () => {
    it('CONTINUOUS_SCAN needs ENHANCED', () => {
      expect(registryProblems({ scanning: { type: 'BASIC', rules: [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }] } })).toEqual([
        'registry.scanning.rules[0].frequency: must be "SCAN_ON_PUSH" or "MANUAL" with type "BASIC" (continuous scanning needs type "ENHANCED"), got "CONTINUOUS_SCAN"',
      ]);
      expect(registryProblems({ scanning: { type: 'ENHANCED', rules: [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }] } })).toEqual([]);
    });

    it('has at most 2 rules and wildcard filters', () => {
      const rule = { frequency: 'SCAN_ON_PUSH' as const, filters: ['faro-rag/*'] };
      expect(registryProblems({ scanning: { type: 'BASIC', rules: [rule, rule, { ...rule, filters: ['Bad Filter'] }] } })).toEqual([
        "registry.scanning.rules: must have at most 2 rules (AWS's limit), got 3",
        'registry.scanning.rules[2].filters[0]: must be a repository name with "*" wildcards (^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*$, at most 256 characters), got "Bad Filter"',
      ]);
    });
  });

  describe('replication', () => {
    const destination = { region: 'eu-west-1' };

    it('at most 10 rules after merging', () => {
      const rules = Array.from({ length: 11 }, (_, i) => ({ destinations: [destination], prefixFilters: [`team-${i}`] }));
      expect(registryProblems({ replication: { rules } })).toEqual([
        "registry.replication.rules: must come to at most 10 rules (AWS's limit; rules with the same prefixFilters merge into one), got 11",
      ]);
      // Same filters merge, so 11 entries with 2 filter sets are 2 rules.
      const merging = Array.from({ length: 11 }, (_, i) => ({ destinations: [{ region: i % 2 ? 'eu-west-1' : 'us-east-1' }], prefixFilters: [`team-${i % 2}`] }));
      expect(registryProblems({ replication: { rules: merging } })).toEqual([]);
    });

    it('at most 100 filters per rule', () => {
      const prefixFilters = Array.from({ length: 101 }, (_, i) => `team-${i}`);
      expect(registryProblems({ replication: { rules: [{ destinations: [destination], prefixFilters }] } })).toEqual([
        "registry.replication.rules[0].prefixFilters: must have at most 100 filters per rule (AWS's limit), got 101",
      ]);
    });

    it('never into the registry itself, with valid prefixes', () => {
      expect(registryProblems({ replication: { rules: [{ destinations: [{ region: 'eu-central-1' }], prefixFilters: ['Faro'] }] } })).toEqual([
        'registry.replication.rules[0].destinations[0]: must be another region or account than this registry (account 111122223333, region eu-central-1): a registry cannot replicate into itself, got region eu-central-1 of account 111122223333',
        'registry.replication.rules[0].prefixFilters[0]: must be a repository name prefix of 2 to 256 characters (^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$), got "Faro"',
      ]);
    });

    it('assumeRoleArn only for cross-account destinations, in that account', () => {
      expect(
        registryProblems({
          replication: {
            rules: [
              {
                destinations: [
                  { region: 'eu-west-1', assumeRoleArn: 'arn:aws:iam::111122223333:role/x' },
                  { region: 'eu-west-1', accountId: '999988887777', assumeRoleArn: 'arn:aws:iam::444455556666:role/x' },
                ],
              },
            ],
          },
        }),
      ).toEqual([
        'registry.replication.rules[0].destinations[0].assumeRoleArn: must be omitted for a destination in this account (only cross-account destinations need a policy stack), got "arn:aws:iam::111122223333:role/x"',
        'registry.replication.rules[0].destinations[1].assumeRoleArn: must be a role in the destination account 999988887777, got "arn:aws:iam::444455556666:role/x"',
      ]);
    });

    it('allowReplicationFrom names other accounts, with valid prefixes', () => {
      expect(registryProblems({ replication: { allowReplicationFrom: [{ accountId: '111122223333', prefixes: ['team-a/', 'X'] }] } })).toEqual([
        "registry.replication.allowReplicationFrom[0].accountId: must be another account than this registry's (replication within the account needs no registry policy), got \"111122223333\"",
        expect.stringMatching(/^registry\.replication\.allowReplicationFrom\[0\]\.prefixes\[1\]: must be a repository name prefix of 2 to 256 characters .*, got "X"$/),
      ]);
    });

    it('the attack: a bare account in allowReplicationFrom would replicate into every repository (repository/*), production included', () => {
      expect(registryProblems({ replication: { allowReplicationFrom: ['555566667777'] } })).toEqual([
        'registry.replication.allowReplicationFrom[0]: must name the repository prefixes the account may replicate into, e.g. { accountId: "555566667777", prefixes: ["team-a/"] } (a bare account may create and replace images in every repository of this registry), got "555566667777"',
      ]);
    });
  });
});

describe('resolved repositories', () => {
  it('prod repositories default to IMMUTABLE even when the defaults say MUTABLE; the repository itself decides last', () => {
    const config = minimalConfig({
      registry: {
        defaults: { tagMutability: 'MUTABLE' },
        repositories: [
          { name: 'prod-only', environments: ['prod'] },
          { name: 'prod-mutable', environments: ['prod'], tagMutability: 'MUTABLE' },
          { name: 'dev-only', environments: ['dev'] },
        ],
      },
    });
    const byName = Object.fromEntries(resolveRepositories(config).map((r) => [r.name, r.tagMutability]));
    expect(byName).toEqual({ 'prod-only': 'IMMUTABLE', 'prod-mutable': 'MUTABLE', 'dev-only': 'MUTABLE' });
  });

  it('the naming scheme {project}-{name}-{environment} names and classifies repositories', () => {
    const config = minimalConfig({
      registry: {
        namingScheme: '{project}-{name}-{environment}',
        repositories: [
          { name: 'api', environment: 'dev' },
          { name: 'api', environment: 'prod' },
        ],
      },
    });
    expect(resolveRepositories(config).map((r) => [r.name, r.tagMutability])).toEqual([
      ['acme-api-dev', 'MUTABLE'],
      ['acme-api-prod', 'IMMUTABLE'],
    ]);
  });

  it('repository access replaces the defaults; adoptAll adopts every repository', () => {
    const config = minimalConfig({
      registry: { adoptAll: true, defaults: { pull: { organizationIds: ['o-abcdefghij'] } }, repositories: [{ name: 'app' }, { name: 'own', pull: { principals: ['222233334444'] }, adopt: false }] },
    });
    const repos = resolveRepositories(config);
    expect(repos.find((r) => r.name === 'own')).toMatchObject({ pull: { principals: ['222233334444'] }, adopt: false });
    expect(repos.find((r) => r.name === 'app')).toMatchObject({ pull: { organizationIds: ['o-abcdefghij'] }, adopt: true });
  });

  it('hundreds of repositories check cleanly', () => {
    expect(registryProblems({ repositories: manyRepositories(500) })).toEqual([]);
  });
});
