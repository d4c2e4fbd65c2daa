import { parseTfvars, parseVarOption, tfvarsToConfig } from '../../src/config/parse/tfvars';
import { ConfigError } from '../../src/config/problems';
import { fixtureText, tfvarsProblems } from './support';

const platform = 'account_id = "111122223333"\nproject = "acme"\nowner = "team"\n';
const layout1 = `region = "eu-central-1"\nbucket = "acme-state"\nrepository_names = ["web"]\n${platform}`;

describe('unknown variables', () => {
  test('each is named, with the variables the layout knows', async () => {
    const problems = await tfvarsProblems(`${layout1}foo = 1\nrepository_name = ["x"]\n`);
    expect(problems).toEqual([
      expect.stringMatching(/^terraform\.tfvars: unknown variable "foo"; known variables for the global\/repos-ecr layout: account_id, region, project, owner, environments, adopt, adopt_oidc_provider, bucket, repository_names, github_repos$/),
      expect.stringMatching(/^terraform\.tfvars: unknown variable "repository_name"; known variables/),
    ]);
  });

  test('a file of no known layout, and a file mixing two layouts, are refused', async () => {
    expect(await tfvarsProblems('foo = "bar"\n')).toEqual([
      expect.stringMatching(/^terraform\.tfvars: is not one of the supported tfvars layouts; expected the variables of one of: global\/repos-ecr .*, got foo$/),
    ]);
    expect(await tfvarsProblems(`${layout1}ecr_scan_on_push = true\n`)).toEqual([
      expect.stringMatching(/^terraform\.tfvars: mixes the variables of several layouts \(repository_names, bucket of global\/repos-ecr; ecr_scan_on_push of ECR repository objects\); a file describes one setup$/),
    ]);
  });
});

describe('wrong types: one problem per mistake, in Terraform words', () => {
  test('layout 1', async () => {
    const text = 'region = "eu-central-1"\nbucket = ["a"]\nrepository_names = "x"\ngithub_repos = ["org/a", ["org/b"]]\nadopt = "yes"\n' + platform;
    expect(await tfvarsProblems(text)).toEqual([
      'terraform.tfvars: adopt must be true or false, got "yes"',
      'terraform.tfvars: bucket must be a string, got ["a"]',
      'terraform.tfvars: repository_names must be a list of strings, got "x"',
      'terraform.tfvars: github_repos[1] must be a string, got ["org/b"]',
    ]);
  });

  test('layout 2: object attributes are typed, required and known', async () => {
    const text = fixtureText('ecr-objects')
      .replace('lifecycle_tag_count     = 20', 'lifecycle_tag_count     = 2.5')
      .replace('tag_mutability          = "MUTABLE"', 'tag_mutability          = "mutable"\n  scan = true')
      .replace('lifecycle_untagged_days = 3\n', '')
      .replace('ecr_enable_encryption = true', 'ecr_enable_encryption = "KMS"');
    expect(await tfvarsProblems(text)).toEqual([
      'terraform.tfvars: ecr_infrastructure_repository.lifecycle_tag_count must be a whole number, got 2.5',
      'terraform.tfvars: ecr_deployments_repository.tag_mutability must be "MUTABLE" or "IMMUTABLE", got "mutable"',
      'terraform.tfvars: ecr_deployments_repository.lifecycle_untagged_days is required (after how many days untagged images expire); add lifecycle_untagged_days = 7',
      'terraform.tfvars: ecr_deployments_repository.scan is not an attribute of ecr_deployments_repository; its attributes: name, tag_mutability, lifecycle_tag_count, lifecycle_untagged_days',
      'terraform.tfvars: ecr_enable_encryption must be true or false, got "KMS"',
    ]);
  });

  test('layout 2: a repository that is not an object, and counts below 1', async () => {
    const text = fixtureText('ecr-objects')
      .replace(/ecr_deployments_repository = \{[^}]*\}/, 'ecr_deployments_repository = "deployments"')
      .replace('lifecycle_untagged_days = 7', 'lifecycle_untagged_days = 0');
    expect(await tfvarsProblems(text)).toEqual([
      'terraform.tfvars: ecr_infrastructure_repository.lifecycle_untagged_days must be at least 1, got 0',
      expect.stringMatching(/^terraform\.tfvars: ecr_deployments_repository must be an object such as \{ name = "infrastructure", .* \}, got "deployments"$/),
    ]);
  });

  test('repeated list entries are named with their index', async () => {
    const text = layout1.replace('["web"]', '["web", "api", "web"]') + 'github_repos = ["org/a", "org/a"]\n';
    expect(await tfvarsProblems(text)).toEqual([
      'terraform.tfvars: repository_names[2] must be listed once, got "web" again',
      'terraform.tfvars: github_repos[1] must be listed once, got "org/a" again',
    ]);
  });
});

describe('missing platform values name the line to add', () => {
  test('layout 1 without account_id, project and owner', async () => {
    expect(await tfvarsProblems('region = "eu-central-1"\nbucket = "acme-state"\nrepository_names = ["web"]\n')).toEqual([
      'terraform.tfvars: account_id is required (the 12-digit AWS account that owns the registry); add account_id = "123456789012"',
      'terraform.tfvars: project is required (a short project name for tags and names, lower-case); add project = "my-project"',
      'terraform.tfvars: owner is required (the team that owns the platform, for the Owner tag); add owner = "platform-team"',
    ]);
  });

  test('layout 3 as the module had it: region and state bucket too', async () => {
    const problems = await tfvarsProblems('name = "ecr"\nproject = "nashtech-devops"\nenvironment = "mgmt"\nowner = "me"\n');
    expect(problems).toEqual([
      expect.stringContaining('account_id is required'),
      'terraform.tfvars: region is required (the AWS region of the registry); add region = "eu-central-1"',
      expect.stringMatching(/^terraform\.tfvars: state_bucket is required \(.*\); add state_bucket = "my-project-terraform-state"$/),
    ]);
  });
});

describe('layout 2 with KMS encryption asks for the key the repositories use', () => {
  const withoutKey = fixtureText('ecr-objects').replace(/^kms_key_arn .*$/m, '');

  test('adopting KMS-encrypted repositories without kms_key_arn names the line to add', async () => {
    expect(await tfvarsProblems(withoutKey)).toEqual([
      'terraform.tfvars: kms_key_arn is required (the KMS key the existing repositories are encrypted with; without it the registry stack would make a new key and replace every repository. ' +
        "aws ecr describe-repositories --query 'repositories[].encryptionConfiguration.kmsKey' shows it); " +
        'add kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    ]);
  });

  test('not asked when nothing is adopted, and refused without KMS encryption', async () => {
    // Nothing adopted: the registry stack makes the repositories, and a key for them.
    expect((await tfvarsToConfig(`${withoutKey}adopt = false\n`, 'terraform.tfvars')).registry?.defaults?.encryption).toEqual({ type: 'KMS' });
    expect((await tfvarsToConfig(withoutKey.replace('create_ecr_repositories = true', 'create_ecr_repositories = false'), 'terraform.tfvars')).registry?.repositories).toEqual([]);
    const aes = fixtureText('ecr-objects').replace('ecr_enable_encryption = true', 'ecr_enable_encryption = false');
    expect(await tfvarsProblems(aes)).toEqual([
      'terraform.tfvars: kms_key_arn must be left out unless ecr_enable_encryption = true, got "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
    ]);
  });

  test('a key that is not a KMS key ARN is refused as the configuration refuses it', async () => {
    const text = fixtureText('ecr-objects').replace(/^kms_key_arn .*$/m, 'kms_key_arn = "1234abcd"');
    expect(await tfvarsProblems(text)).toEqual(['terraform.tfvars: kms_key_arn must be a KMS key or alias ARN, got "1234abcd"']);
  });
});

describe('values the configuration refuses are reported against the variable', () => {
  test('the same rules as the YAML, told in tfvars names', async () => {
    const text = layout1
      .replace('"111122223333"', '"1234"')
      .replace('"eu-central-1"', '"Frankfurt"')
      .replace('project = "acme"', 'project = "Acme Corp"');
    expect(await tfvarsProblems(text)).toEqual([
      'terraform.tfvars: project must be lower-case letters, digits and - (2-32 characters), got "Acme Corp"',
      'terraform.tfvars: account_id must be a 12-digit AWS account ID, got "1234"',
      'terraform.tfvars: region must be an AWS region such as eu-central-1, got "Frankfurt"',
    ]);
  });

  test('a repository name ECR refuses points at its list entry', async () => {
    const problems = await tfvarsProblems(layout1.replace('["web"]', '["web", "Web App"]'));
    expect(problems).toEqual([expect.stringMatching(/^terraform\.tfvars: repository_names\[1\] .*"Web App"/)]);
  });

  test('a bad GitHub repository points at github_repos', async () => {
    const problems = await tfvarsProblems(`${layout1}github_repos = ["not-a-repo"]\n`);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^terraform\.tfvars: github_repos\[0\] /);
  });

  test('environments must be DNS labels', async () => {
    expect(await tfvarsProblems(`${layout1}environments = ["dev", "Prod"]\n`)).toEqual([
      'terraform.tfvars: environments[1] must be a lower-case DNS label (a-z, 0-9, -; at most 32 characters), got "Prod"',
    ]);
    const layout3 = fixtureText('module-inputs').replace('environment = "mgmt"', 'environment = "Mgmt"');
    expect(await tfvarsProblems(layout3)).toContain(
      'terraform.tfvars: environment must be a lower-case DNS label (a-z, 0-9, -; at most 32 characters), got "Mgmt"',
    );
  });
});

describe('HCL', () => {
  test('values come back typed; null means "not set"', async () => {
    const values = await parseTfvars('a = "x"\nb = 20\nc = true\nd = ["p", "q"]\ne = { k = "v" }\nf = null\ng = <<EOT\nline\nEOT\n', 'x.tfvars');
    expect(values).toEqual({ a: 'x', b: 20, c: true, d: ['p', 'q'], e: { k: 'v' }, g: 'line\n' });
  });

  test('a syntax error names the line and column', async () => {
    await expect(parseTfvars('region = "eu-central-1"\nrepository_names = ["a",\nbucket = "b"\n', 'global/terraform.tfvars')).rejects.toMatchObject({
      problems: [{ path: 'global/terraform.tfvars:3:8', message: expect.stringMatching(/^is not valid HCL: Missing item separator/) }],
    });
  });

  test('references and blocks are refused as Terraform refuses them in a tfvars file', async () => {
    const error = await parseTfvars('a = var.x\nb = "${local.y}-z"\nc = "$${literal}"\nd {\n  e = 1\n}\n', 'terraform.tfvars').catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      { path: 'terraform.tfvars:4', message: 'd is a block; a tfvars file only sets variables: write d = { ... }' },
      { path: 'terraform.tfvars', message: 'a refers to "${var.x}"; a tfvars file holds literal values only' },
      { path: 'terraform.tfvars', message: 'b refers to "${local.y}-z"; a tfvars file holds literal values only' },
    ]);
  });

  test('an escaped $${ is a literal ${', async () => {
    expect(await parseTfvars('c = "$${literal}"\n', 'terraform.tfvars')).toEqual({ c: '${literal}' });
  });

  test('-var values: plain strings, or HCL lists and objects', async () => {
    expect(await parseVarOption('account_id=000011112222')).toEqual(['account_id', '000011112222']);
    expect(await parseVarOption('environments=["dev", "prod"]')).toEqual(['environments', ['dev', 'prod']]);
    await expect(parseVarOption('account_id')).rejects.toMatchObject({ problems: [{ path: '-var', message: 'must be name=value, got "account_id"' }] });
  });
});
