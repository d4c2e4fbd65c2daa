import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../src/config/load';
import { tfvarsToConfig } from '../../src/config/parse/tfvars';
import { run as importTfvars } from '../../src/cli/import-tfvars';
import { runCli } from '../support/cli';
import { fixturePath, fixtureText } from './support';
import { tempDir } from '../support/temp-dir';

async function run(...argv: string[]) {
  const { code, stdout: out, err } = await runCli(importTfvars, argv, {}, 'import-tfvars');
  return { code, out, err };
}

describe('npm run import-tfvars', () => {
  test('prints commented YAML that loads as the same configuration as the tfvars file', async () => {
    const { code, out, err } = await run(fixturePath('repos-ecr'));
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toMatch(/^# Translated from .*repos-ecr\/terraform\.tfvars \(the global\/repos-ecr layout\) by npm run import-tfvars\.\n/);
    expect(parseConfig(parseDocument(out).toJS())).toEqual(parseConfig(await tfvarsToConfig(fixtureText('repos-ecr'), 'terraform.tfvars')));
  });

  test('-var supplies what the file lacks; --out writes a file', async () => {
    const dir = tempDir('import-tfvars-');
    const tfvars = path.join(dir, 'terraform.tfvars');
    fs.writeFileSync(tfvars, 'name = "ecr"\nproject = "nashtech-devops"\nenvironment = "mgmt"\nowner = "me"\n');
    const target = path.join(dir, 'platform.yaml');
    const { code, err } = await run(tfvars, '-var', 'account_id=111122223333', '-var=region=eu-central-1', '-var', 'state_bucket=nt-state', '-var', 'environments=["mgmt", "prod"]', '--out', target);
    expect({ code, err }).toEqual({ code: 0, err: [`Wrote ${target}`] });
    const config = parseConfig(parseDocument(fs.readFileSync(target, 'utf8')).toJS());
    expect(config.aws).toEqual({ accountId: '111122223333', region: 'eu-central-1' });
    expect(Object.keys(config.environments)).toEqual(['mgmt', 'prod']);
    expect(config.registry.repositories[0]).toMatchObject({ name: 'ecr', adopt: true });
  });

  test('problems go to stderr, one line each, exit code 1, nothing printed', async () => {
    const dir = tempDir('import-tfvars-');
    const tfvars = path.join(dir, 'terraform.tfvars');
    fs.writeFileSync(tfvars, 'region = "eu-central-1"\nbucket = "b-state"\nrepository_names = "x"\nfoo = 1\n');
    const { code, out, err } = await run(tfvars, '-var', 'account_id=111122223333', '-var', 'project=p1', '-var', 'owner=o');
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toEqual([
      expect.stringMatching(new RegExp(`^${tfvars}: unknown variable "foo"; known variables`)),
      `${tfvars}: repository_names must be a list of strings, got "x"`,
      `${tfvars} has 2 problems; nothing was printed`,
    ]);
  });

  test('a missing file, a missing argument and an unknown option are told plainly', async () => {
    expect((await run('/nonexistent/terraform.tfvars')).err).toEqual([
      '/nonexistent/terraform.tfvars: cannot be read (ENOENT)',
      '/nonexistent/terraform.tfvars has 1 problem; nothing was printed',
    ]);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.err[0]).toBe('name the terraform.tfvars file to import');
    expect((await run('x.tfvars', '--bogus')).err[0]).toBe('unknown option --bogus');
  });

  test('the npm script runs it', () => {
    const result = spawnSync('npm', ['run', '--silent', 'import-tfvars', '--', fixturePath('module-inputs')], { encoding: 'utf8', cwd: path.join(__dirname, '..', '..') });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('namingScheme: "{project}-{name}-{environment}"');
  });
});
