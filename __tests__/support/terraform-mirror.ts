/**
 * The test suites' and .ci/run's side of src/local/terraform-mirror.ts: a Terraform CLI config
 * for the provider mirror, written once per test file into that file's own temporary folder
 * (jest workers and parallel CI runs never overwrite each other's), and set as TF_CLI_CONFIG_FILE.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraformCliConfig } from '../../src/local/terraform-mirror';
import { tempDir } from './temp-dir';

let written: string | undefined;

/**
 * Makes sure TF_CLI_CONFIG_FILE names a usable CLI config: keeps an existing file, otherwise
 * writes one for the mirror found (once per test file). Returns the config path.
 */
export function ensureTerraformCliConfig(env: NodeJS.ProcessEnv = process.env): string {
  if (written && env.TF_CLI_CONFIG_FILE === written) return written;
  const dir = tempDir('terraformrc-');
  const { file } = terraformCliConfig({ env }, dir);
  if (file === path.join(dir, 'terraform.rc')) written = file;
  env.TF_CLI_CONFIG_FILE = file;
  return file;
}

if (require.main === module) {
  // `tsx __tests__/support/terraform-mirror.ts <dir>`: write <dir>/terraform.rc for the mirror found
  // (whatever TF_CLI_CONFIG_FILE says) and print its path.
  try {
    const dir = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-terraformrc-'));
    const { file, mirror } = terraformCliConfig({ env: { ...process.env, TF_CLI_CONFIG_FILE: undefined } }, dir);
    console.error(`provider mirror: ${mirror?.dir} (${mirror?.via})`);
    console.log(file);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
