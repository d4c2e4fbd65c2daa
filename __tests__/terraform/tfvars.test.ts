/**
 * Stacks translated from a tfvars file, import blocks included, are valid Terraform. They are
 * validated, not planned: a plan with imports reads the real repositories, which needs AWS.
 * (`terraform validate` does not resolve import targets; the unit tests in __tests__/tfvars
 * check that every import points at the resource of the same name.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseConfig } from '../../src/config/load';
import { tfvarsToConfig } from '../../src/config/parse/tfvars';
import { buildApp } from '../../src/app';
import { OFFLINE_OVERRIDE, tempOutdir } from '../support/terraform';
import { ensureTerraformCliConfig } from '../support/terraform-mirror';

function validate(stackDir: string): { valid: boolean; diagnostics: unknown[] } {
  ensureTerraformCliConfig();
  fs.writeFileSync(path.join(stackDir, 'offline_override.tf.json'), JSON.stringify(OFFLINE_OVERRIDE));
  const run = (args: string[]) =>
    execFileSync('terraform', args, { cwd: stackDir, encoding: 'utf8', env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
  run(['init', '-input=false', '-no-color']);
  return JSON.parse(run(['validate', '-json', '-no-color']));
}

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tfvars', name, 'terraform.tfvars'), 'utf8');

test('the registry and access stacks of an adopted global/repos-ecr setup are valid Terraform, import blocks included', async () => {
  const platform = buildApp(parseConfig(await tfvarsToConfig(fixture('repos-ecr'), 'terraform.tfvars')), { outdir: tempOutdir() });
  platform.app.synth();
  for (const stack of ['registry', 'access']) {
    const stackDir = path.join(platform.app.outdir, 'stacks', stack);
    expect(JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).import.length).toBeGreaterThan(0);
    expect(validate(stackDir)).toMatchObject({ valid: true });
  }
});
