/**
 * `npm run plan -- --offline` on the example, through the command with real terraform: every AWS
 * stack planned with a local backend and no credentials, the workloads stacks skipped with the
 * reason, the Markdown summary for a pull request. (The destroy guard against a real state:
 * __tests__/terraform/apply-example.test.ts.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/plan';
import { runCli, type CommandResult } from '../support/cli';
import { ensureTerraformCliConfig } from '../support/terraform-mirror';
import { tempDir } from '../support/temp-dir';

let result: CommandResult;
let dir: string;

beforeAll(async () => {
  ensureTerraformCliConfig();
  dir = tempDir('plan-command-');
  // No AWS settings at all, and a profile that does not exist: an offline plan must not need them.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE, AWS_PROFILE: 'no-such-profile', CDKTF_OUTDIR: path.join(dir, 'cdktf.out') };
  result = await runCli(run, ['--offline', `--markdown=${path.join(dir, 'plan.md')}`], env, 'plan');
}, 170_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run plan -- --offline, the example configuration', () => {
  it('plans every AWS stack in deploy order and exits 0', () => {
    expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: [] });
    const table = result.out.slice(result.out.findIndex((l) => l.startsWith('stack ')));
    expect(table.slice(0, 4).map((l) => l.split(/\s+/))).toEqual([
      ['stack', 'import', 'add', 'change', 'replace', 'destroy'],
      ['bootstrap', '0', '7', '0', '0', '0'],
      ['registry', '0', '29', '0', '0', '0'],
      ['access', '0', '9', '0', '0', '0'],
    ]);
  });

  it('reports the workloads stacks as skipped, with the reason', () => {
    expect(result.out).toContain(
      'workloads-dev   skipped: needs the EKS cluster faro-dev (read through aws_eks_cluster); an offline plan has no AWS to read it from',
    );
    expect(result.out.filter((l) => l.startsWith('workloads-prod  skipped: needs the EKS cluster faro-prod'))).toHaveLength(1);
  });

  it('leaves cdktf.out as synthesized: no override file, no local state', () => {
    const registry = path.join(dir, 'cdktf.out', 'stacks', 'registry');
    expect(fs.readdirSync(registry)).toEqual(['cdk.tf.json']);
  });

  it('writes the Markdown summary for a pull-request comment', () => {
    const markdown = fs.readFileSync(path.join(dir, 'plan.md'), 'utf8');
    expect(markdown).toContain('| `registry` | 0 | 29 | 0 | 0 | 0 |');
    expect(markdown).toContain('| `workloads-dev` | skipped: needs the EKS cluster faro-dev');
    expect(markdown).not.toContain('blocked');
  });
});
