import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Repository, type RepositoryProps } from '../../src/constructs/ecr/repository';
import { RegistryPolicy } from '../../src/constructs/ecr/registry-policy';
import { RegistryScanning } from '../../src/constructs/ecr/scanning';
import { Replication } from '../../src/constructs/ecr/replication';
import { mergeReplicationRules, replicatedRepositoryArns } from '../../src/domain/ecr/replication-rules';
import { grantsAnything, repositoryPolicyStatements } from '../../src/constructs/ecr/repository-policy';
import { RegistryKey } from '../../src/constructs/ecr/kms-key';
import { testApp } from '../support/temp-dir';

function stack(): TerraformStack {
  const s = new TerraformStack(testApp(), 'test');
  new AwsProvider(s, 'aws', { region: 'eu-central-1' });
  return s;
}

/** Runs the constructs' validations (as `cdktf synth` does) and returns the messages. */
function validationErrors(s: TerraformStack): string[] {
  return s.node.findAll().flatMap((c) => c.node.validate());
}

describe('Repository construct', () => {
  it('validates its props in aws-cdk form', () => {
    const s = stack();
    new Repository(s, 'bad', {
      repositoryName: 'Bad_Name',
      tagMutability: 'MUTABLE_WITH_EXCLUSION',
      lifecyclePolicy: { rules: [{ tagStatus: 'untagged', expireAfterDays: 0 }] },
    });
    expect(validationErrors(s)).toEqual([
      `'repositoryName' must match (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)* (lower-case letters and digits separated by single . _ - or /; 2-256 characters), got "Bad_Name"`,
      `'tagMutability' must be "MUTABLE" or "IMMUTABLE": the AWS provider this project pins (5.100.0) has no *_WITH_EXCLUSION modes, got "MUTABLE_WITH_EXCLUSION"`,
      `'lifecyclePolicy.rules[0].expireAfterDays' must be a whole number from 1 to 2147483647, got 0 (repository "Bad_Name", rule with priority 1)`,
    ]);
    expect(() => Testing.synth(s, true)).toThrow(/'repositoryName' must match/);
  });

  it('defaults: mutable, scan on push, AES256, no force delete, no lifecycle or repository policy', () => {
    const s = stack();
    new Repository(s, 'plain', { repositoryName: 'plain' });
    const json = JSON.parse(Testing.synth(s, true));
    expect(Object.values(json.resource.aws_ecr_repository)).toEqual([
      {
        name: 'plain',
        image_tag_mutability: 'MUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        encryption_configuration: [{ encryption_type: 'AES256' }],
        force_delete: false,
      },
    ]);
    expect(json.resource.aws_ecr_lifecycle_policy).toBeUndefined();
    expect(json.resource.aws_ecr_repository_policy).toBeUndefined();
  });

  it('KMS without a key uses the AWS managed key; force delete and tags pass through', () => {
    const s = stack();
    new Repository(s, 'kms', { repositoryName: 'kms', encryption: { type: 'KMS' }, forceDelete: true, tags: { Team: 'ml' } });
    const repo = Object.values(JSON.parse(Testing.synth(s, true)).resource.aws_ecr_repository)[0] as any;
    expect(repo).toMatchObject({ encryption_configuration: [{ encryption_type: 'KMS' }], force_delete: true, tags: { Team: 'ml' } });
  });

  it('KMS with a key ARN names that key; a key with AES256 cannot be written', () => {
    const s = stack();
    const key = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    new Repository(s, 'own-key', { repositoryName: 'own-key', encryption: { type: 'KMS', kmsKeyArn: key } });
    // @ts-expect-error: AES256 takes no key (the props' type refuses the combination).
    const refused: RepositoryProps['encryption'] = { type: 'AES256', kmsKeyArn: key };
    expect(refused).toBeDefined();
    const repo = Object.values(JSON.parse(Testing.synth(s, true)).resource.aws_ecr_repository)[0] as any;
    expect(repo.encryption_configuration).toEqual([{ encryption_type: 'KMS', kms_key: key }]);
  });

  it('needs a region to grant access', () => {
    const s = stack();
    new Repository(s, 'shared', { repositoryName: 'shared', access: { pullPrincipals: ['222233334444'] } });
    expect(validationErrors(s)).toEqual(["'region' must be set when 'access' grants something, got nothing"]);
  });
});

describe('repository policy statements', () => {
  it('nothing granted, no statements', () => {
    expect(grantsAnything({ pullPrincipals: [], organizationIds: [] })).toBe(false);
    expect(repositoryPolicyStatements({}, 'eu-central-1')).toEqual([]);
  });

  it('account IDs become root ARNs in the partition of the region', () => {
    expect(repositoryPolicyStatements({ pullPrincipals: ['222233334444'] }, 'cn-north-1')[0].Principal).toEqual({ AWS: ['arn:aws-cn:iam::222233334444:root'] });
  });

  it('several organizations become a list condition', () => {
    const [statement] = repositoryPolicyStatements({ organizationIds: ['o-bbbbbbbbbb', 'o-aaaaaaaaaa'] }, 'eu-central-1');
    expect(statement.Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': ['o-aaaaaaaaaa', 'o-bbbbbbbbbb'] } });
  });
});

describe('RegistryPolicy', () => {
  it('refuses duplicate Sids: statements from different parts must not shadow each other', () => {
    const s = stack();
    const statement = { Sid: 'Same', Effect: 'Allow' as const, Action: 'ecr:ReplicateImage', Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/*' };
    expect(() => new RegistryPolicy(s, 'policy', { statements: [statement, statement] })).toThrow(`'statements' must have unique Sids, got "Same" twice`);
  });

  it('collects statements added later into the one policy', () => {
    const s = stack();
    const policy = new RegistryPolicy(s, 'policy', { statements: [{ Sid: 'First', Effect: 'Allow', Action: 'ecr:ReplicateImage', Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/*' }] });
    policy.addStatements({ Sid: 'Second', Effect: 'Allow', Action: 'ecr:CreateRepository', Resource: 'arn:aws:ecr:eu-central-1:111122223333:repository/*' });
    const json = JSON.parse(Testing.synth(s, true));
    const resources = Object.values(json.resource.aws_ecr_registry_policy) as any[];
    expect(resources).toHaveLength(1);
    expect(JSON.parse(resources[0].policy).Statement.map((st: any) => st.Sid)).toEqual(['First', 'Second']);
  });

  it('validates Sids are alphanumeric', () => {
    const s = stack();
    new RegistryPolicy(s, 'policy', { statements: [{ Sid: 'not-ok', Effect: 'Allow', Action: 'ecr:ReplicateImage', Resource: '*' }] });
    expect(validationErrors(s)).toEqual([`'statements' Sids must be alphanumeric, got "not-ok"`]);
  });
});

describe('RegistryScanning', () => {
  it('defaults to BASIC scan on push for every repository', () => {
    const s = stack();
    new RegistryScanning(s, 'scanning');
    expect(Object.values(JSON.parse(Testing.synth(s, true)).resource.aws_ecr_registry_scanning_configuration)).toEqual([
      { scan_type: 'BASIC', rule: [{ scan_frequency: 'SCAN_ON_PUSH', repository_filter: [{ filter: '*', filter_type: 'WILDCARD' }] }] },
    ]);
  });

  it('validates in aws-cdk form', () => {
    const s = stack();
    new RegistryScanning(s, 'scanning', { scanType: 'BASIC', rules: [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }] });
    expect(validationErrors(s)).toEqual([
      `'rules[0].frequency' must be "SCAN_ON_PUSH" or "MANUAL" with type "BASIC" (continuous scanning needs type "ENHANCED"), got "CONTINUOUS_SCAN"`,
    ]);
  });
});

describe('replication merging', () => {
  const eu = { region: 'eu-west-1', registryId: '111122223333' };
  const us = { region: 'us-east-1', registryId: '111122223333' };

  it('rules with the same filters (in any order) merge; destinations are de-duplicated; others stay apart', () => {
    expect(
      mergeReplicationRules([
        { destinations: [eu], prefixFilters: ['b', 'a'] },
        { destinations: [us] },
        { destinations: [eu, us], prefixFilters: ['a', 'b', 'a'] },
      ]),
    ).toEqual([
      // Sorted by filters (all repositories first) and destinations by account and region: the input order never shows.
      { destinations: [us], prefixFilters: [], sources: [1] },
      { destinations: [eu, us], prefixFilters: ['a', 'b'], sources: [0, 2] },
    ]);
  });

  it('the construct emits one resource, including rules added later', () => {
    const s = stack();
    const replication = new Replication(s, 'replication', { source: { accountId: '111122223333', region: 'eu-central-1' }, rules: [{ destinations: [eu] }] });
    replication.addRule({ destinations: [us] });
    replication.addRule({ destinations: [{ region: 'ap-south-1', registryId: '999988887777' }], prefixFilters: ['team'] });
    const json = JSON.parse(Testing.synth(s, true));
    const resources = Object.values(json.resource.aws_ecr_replication_configuration) as any[];
    expect(resources).toHaveLength(1);
    expect(resources[0].replication_configuration.rule).toEqual([
      {
        destination: [
          { region: 'eu-west-1', registry_id: '111122223333' },
          { region: 'us-east-1', registry_id: '111122223333' },
        ],
      },
      { destination: [{ region: 'ap-south-1', registry_id: '999988887777' }], repository_filter: [{ filter: 'team', filter_type: 'PREFIX_MATCH' }] },
    ]);
  });

  it('validates the merged configuration', () => {
    const s = stack();
    new Replication(s, 'replication', {
      source: { accountId: '111122223333', region: 'eu-central-1' },
      rules: Array.from({ length: 11 }, (_, i) => ({ destinations: [eu], prefixFilters: [`p${i}`] })),
    });
    expect(validationErrors(s)).toEqual([`'rules' must come to at most 10 rules (AWS's limit; rules with the same prefixFilters merge into one), got 11`]);
  });

  it('grants replication on the prefixes, or on every repository when a rule has no filter', () => {
    const registry = { accountId: '999988887777', region: 'us-east-1' };
    expect(replicatedRepositoryArns(registry, [['b'], ['a']])).toEqual(['arn:aws:ecr:us-east-1:999988887777:repository/a*', 'arn:aws:ecr:us-east-1:999988887777:repository/b*']);
    expect(replicatedRepositoryArns(registry, [['a'], []])).toEqual(['arn:aws:ecr:us-east-1:999988887777:repository/*']);
  });
});

describe('RegistryKey', () => {
  it('refuses a deletion window AWS would refuse', () => {
    const s = stack();
    new RegistryKey(s, 'key', { accountId: '111122223333', region: 'eu-central-1', deletionWindowInDays: 3 });
    expect(validationErrors(s)).toEqual(["'deletionWindowInDays' must be an integer from 7 to 30, got 3"]);
  });
});
