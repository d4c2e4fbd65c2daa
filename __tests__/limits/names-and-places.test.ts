// Issue 12 §4: names, places and references AWS refuses at apply, refused at synth with the config path.
import { Testing } from 'cdktf';
import { buildApp } from '../../src/app';
import { bucketNameProblems } from '../../src/domain/s3/bucket-names';
import { MINIMAL, minimalConfig, minimalProblems, withRepositories } from '../support/minimal-config';

const bucketProblems = (bucket: string) => minimalProblems({ state: { bucket } });

describe('S3 bucket names (state.bucket): every rule of the S3 naming page', () => {
  it.each([
    ['ab', 'must be 3 to 63 characters long, got "ab" (2)'],
    ['a'.repeat(64), `must be 3 to 63 characters long, got "${'a'.repeat(64)}" (64)`],
    ['state_bucket', 'must consist only of lower-case letters, digits, dots (.) and hyphens (-), got "state_bucket"'],
    ['-state', 'must begin and end with a lower-case letter or a digit, got "-state"'],
    ['state..bucket', 'must not contain two adjacent periods, got "state..bucket"'],
    ['192.168.5.4', 'must not be formatted as an IP address, got "192.168.5.4"'],
    ['xn--state', 'must not start with "xn--" (S3 reserves the prefix), got "xn--state"'],
    ['sthree-configurator-x', 'must not start with "sthree-" (S3 reserves the prefix), got "sthree-configurator-x"'],
    ['amzn-s3-demo-state', 'must not start with "amzn-s3-demo-" (S3 reserves the prefix), got "amzn-s3-demo-state"'],
    ['state-s3alias', 'must not end with "-s3alias" (S3 reserves the suffix for access point aliases), got "state-s3alias"'],
    ['state--ol-s3', 'must not end with "--ol-s3" (S3 reserves the suffix for Object Lambda Access Point aliases), got "state--ol-s3"'],
    ['state.mrap', 'must not end with ".mrap" (S3 reserves the suffix for Multi-Region Access Points), got "state.mrap"'],
    ['state--x-s3', 'must not end with "--x-s3" (S3 reserves the suffix for directory buckets), got "state--x-s3"'],
    ['state--table-s3', 'must not end with "--table-s3" (S3 reserves the suffix for S3 table buckets), got "state--table-s3"'],
    ['state-111122223333-eu-central-1-an', 'must not end with -<account>-<region>-an (S3 reserves it for account regional namespaces, where AWS provider 5.100.0 cannot create buckets), got "state-111122223333-eu-central-1-an"'],
  ])('refuses %j', (bucket, message) => {
    expect(bucketProblems(bucket)).toEqual([expect.anything()]);
    expect(bucketNameProblems(bucket)).toEqual([message]);
  });

  it('reports each rule a name breaks, with the path', () => {
    expect(bucketProblems('xn--a..b-s3alias')).toEqual([
      'state.bucket: must not contain two adjacent periods, got "xn--a..b-s3alias"',
      'state.bucket: must not start with "xn--" (S3 reserves the prefix), got "xn--a..b-s3alias"',
      'state.bucket: must not end with "-s3alias" (S3 reserves the suffix for access point aliases), got "xn--a..b-s3alias"',
    ]);
  });

  it('accepts ordinary names, dots and digits included', () => {
    for (const bucket of ['abc', 'state-an', 'acme-terraform-state-111122223333', 'state.acme.example', '1.2.3.four', 'a'.repeat(63)]) {
      expect(bucketProblems(bucket)).toEqual([]);
    }
  });
});

describe('regions that exist: the AWS provider 5.100.0 list, or aws.additionalRegions', () => {
  it('refuses a region the provider does not know, suggesting the closest', () => {
    expect(minimalProblems({ aws: { region: 'eu-centrl-1' } })).toEqual([
      'aws.region: must be an AWS region the AWS provider 5.100.0 knows, got "eu-centrl-1" (did you mean "eu-central-1"?); a region newer than the provider: list it in aws.additionalRegions',
    ]);
    expect(minimalProblems({ state: { region: 'us-east-9' } })).toEqual([expect.stringMatching(/^state\.region: must be an AWS region the AWS provider 5\.100\.0 knows, got "us-east-9"/)]);
    expect(
      minimalProblems({ registry: { repositories: [{ name: 'app' }], replication: { rules: [{ destinations: [{ region: 'mars-north-1' }] }] } } }),
    ).toEqual([
      'registry.replication.rules[0].destinations[0].region: must be an AWS region the AWS provider 5.100.0 knows, got "mars-north-1"; a region newer than the provider: list it in aws.additionalRegions',
    ]);
  });

  it('knows every partition the provider knows', () => {
    for (const region of ['ap-southeast-7', 'mx-central-1', 'cn-northwest-1', 'us-gov-east-1', 'eusc-de-east-1', 'us-isof-south-1']) {
      expect(minimalProblems({ aws: { region }, state: { region: 'eu-central-1' } })).toEqual([]);
    }
  });

  it('takes a newer region declared in aws.additionalRegions, and then skips the provider\'s and the backend\'s region validation', () => {
    const config = minimalConfig({ aws: { region: 'ap-southeast-6', additionalRegions: ['ap-southeast-6'] } });
    const registry = JSON.parse(Testing.synth(buildApp(config).registry));
    expect(registry.provider.aws[0]).toMatchObject({ region: 'ap-southeast-6', skip_region_validation: true });
    expect(registry.terraform.backend.s3).toMatchObject({ region: 'ap-southeast-6', skip_region_validation: true });
    // A known region keeps the provider's validation (and the JSON it had).
    const known = JSON.parse(Testing.synth(buildApp(minimalConfig()).registry));
    expect(known.provider.aws[0].skip_region_validation).toBeUndefined();
    expect(known.terraform.backend.s3.skip_region_validation).toBeUndefined();
  });

  it('refuses an additional region the provider already knows (it would switch its validation off for nothing)', () => {
    expect(minimalProblems({ aws: { additionalRegions: ['eu-central-1'] } })).toEqual([
      'aws.additionalRegions[0]: must be a region the AWS provider does not know yet (this one it validates itself); remove it, got "eu-central-1"',
    ]);
  });
});

describe('roles and principals', () => {
  it('aws.assumeRoleArn must be in aws.accountId and its partition', () => {
    expect(minimalProblems({ aws: { assumeRoleArn: 'arn:aws:iam::444455556666:role/deploy' } })).toEqual([
      'aws.assumeRoleArn: must be a role in account 111122223333 (aws.accountId: the AWS provider accepts credentials of that account only), got "arn:aws:iam::444455556666:role/deploy"',
    ]);
    expect(minimalProblems({ aws: { assumeRoleArn: `arn:aws-cn:iam::${MINIMAL.account}:role/deploy` } })).toEqual([
      `aws.assumeRoleArn: must be an ARN of partition aws (the partition of aws.region eu-central-1; STS refuses roles of other partitions), got "arn:aws-cn:iam::${MINIMAL.account}:role/deploy"`,
    ]);
    expect(minimalProblems({ aws: { assumeRoleArn: `arn:aws:iam::${MINIMAL.account}:role/ops/deploy` } })).toEqual([]);
  });

  it('a role ARN has a role name', () => {
    expect(minimalProblems({ aws: { assumeRoleArn: `arn:aws:iam::${MINIMAL.account}:role/ops/` } })).toEqual([
      `aws.assumeRoleArn: must be an IAM role ARN with the role's name (arn:aws:iam::<account>:role/<name>, name 1-64 characters), got "arn:aws:iam::${MINIMAL.account}:role/ops/"`,
    ]);
  });

  it('repository-policy principals are complete ARNs of the registry\'s partition', () => {
    const message = (value: string, i: number) =>
      `registry.repositories[1].pull.principals[${i}]: must be a 12-digit account ID, an account root ARN (arn:aws:iam::<account>:root) or a complete IAM role or user ARN (arn:aws:iam::<account>:role/<name>), got "${value}"`;
    const incomplete = ['arn:aws:iam::444455556666:role', 'arn:aws:iam::444455556666:role/', 'arn:aws:iam::444455556666:root/x', 'arn:aws:iam::444455556666:user/team/'];
    expect(minimalProblems(withRepositories({ name: 'api', pull: { principals: incomplete } }))).toEqual(incomplete.map(message));
    expect(minimalProblems(withRepositories({ name: 'api', push: { principals: ['arn:aws-us-gov:iam::444455556666:role/ci'] } }))).toEqual([
      'registry.repositories[1].push.principals[0]: must be an ARN of partition aws (the registry\'s region eu-central-1 is there), got "arn:aws-us-gov:iam::444455556666:role/ci"',
    ]);
    const complete = ['444455556666', 'arn:aws:iam::444455556666:root', 'arn:aws:iam::444455556666:role/ci', 'arn:aws:iam::444455556666:user/team/alice'];
    expect(minimalProblems(withRepositories({ name: 'api', pull: { principals: complete } }))).toEqual([]);
  });
});

describe('references', () => {
  it("the cache template's KMS key is in the registry's region, as for repositories", () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(
      minimalProblems({
        pullThroughCache: { rules: [{ upstream: 'quay', template: { encryption: { type: 'KMS', kmsKeyArn: key } } }], template: { encryption: { type: 'KMS', kmsKeyArn: key } } },
      }),
    ).toEqual([
      `pullThroughCache.template.encryption.kmsKeyArn: must be a key in the registry's region eu-central-1 (ECR cannot use keys of other regions), got "${key}"`,
      `pullThroughCache.rules[0].template.encryption.kmsKeyArn: must be a key in the registry's region eu-central-1 (ECR cannot use keys of other regions), got "${key}"`,
    ]);
  });

  it('every environment a repository names exists: a misspelt one would leave a production repository mutable', () => {
    expect(minimalProblems(withRepositories({ name: 'api', environments: ['prod', 'production'] }))).toEqual([
      'registry.repositories[1].environments[1]: must be one of the environments (dev, prod), got "production"',
    ]);
  });
});
