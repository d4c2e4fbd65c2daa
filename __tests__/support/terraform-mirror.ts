/**
 * Finds a local provider mirror with hashicorp/aws and writes a Terraform CLI
 * configuration that installs providers from it, so `terraform init` works with
 * no access to the Terraform registry. Used by the terraform test suite and .ci/run.
 *
 * Where it looks, in order:
 *  1. TF_PROVIDER_MIRROR: a directory in filesystem-mirror layout (contains registry.terraform.io/).
 *  2. Terraform's implied local mirror directories (~/.terraform.d/plugins and friends).
 *  3. A bounded search of the filesystem for registry.terraform.io/hashicorp/aws.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const PROVIDER = path.join('registry.terraform.io', 'hashicorp', 'aws');

function hasAwsProvider(dir: string): boolean {
  return fs.existsSync(path.join(dir, PROVIDER));
}

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TF_PROVIDER_MIRROR) {
    if (!hasAwsProvider(env.TF_PROVIDER_MIRROR)) {
      throw new Error(`TF_PROVIDER_MIRROR=${env.TF_PROVIDER_MIRROR} has no ${PROVIDER} directory`);
    }
    return env.TF_PROVIDER_MIRROR;
  }
  const implied = [
    path.join(os.homedir(), '.terraform.d', 'plugins'),
    path.join(os.homedir(), '.local', 'share', 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  const found = implied.find(hasAwsProvider);
  if (found) return found;
  try {
    const out = execFileSync(
      'find',
      ['/', '-maxdepth', '8', '-type', 'd', '-path', `*/${PROVIDER}`, '-not', '-path', '/proc/*', '-not', '-path', '/sys/*', '-not', '-path', '*/node_modules/*'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 },
    );
    const hit = out.split('\n').find(Boolean);
    return hit ? path.resolve(hit, '..', '..', '..') : undefined;
  } catch (error) {
    const out = (error as { stdout?: string }).stdout ?? '';
    const hit = out.split('\n').find(Boolean);
    return hit ? path.resolve(hit, '..', '..', '..') : undefined;
  }
}

export function cliConfig(mirror: string): string {
  return [
    '# Written by __tests__/support/terraform-mirror.ts: providers come from a local mirror, never the registry.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * Makes sure TF_CLI_CONFIG_FILE names a usable CLI config: keeps an existing file,
 * otherwise writes one for the mirror found. Returns the config path.
 */
export function ensureTerraformCliConfig(env: NodeJS.ProcessEnv = process.env, target?: string): string {
  if (env.TF_CLI_CONFIG_FILE && fs.existsSync(env.TF_CLI_CONFIG_FILE) && !target) return env.TF_CLI_CONFIG_FILE;
  const mirror = findProviderMirror(env);
  if (!mirror) {
    throw new Error(
      'No Terraform provider mirror with hashicorp/aws was found. Set TF_PROVIDER_MIRROR to a filesystem mirror directory ' +
        '(terraform providers mirror <dir>) or TF_CLI_CONFIG_FILE to a CLI config that can install hashicorp/aws 5.100.0.',
    );
  }
  const file = target ?? path.join(os.tmpdir(), `ecr-platform-terraformrc-${process.getuid?.() ?? 'user'}`);
  fs.writeFileSync(file, cliConfig(mirror));
  env.TF_CLI_CONFIG_FILE = file;
  return file;
}

if (require.main === module) {
  // `tsx __tests__/support/terraform-mirror.ts <file>`: write the CLI config to <file> and print its path.
  try {
    console.log(ensureTerraformCliConfig({ ...process.env, TF_CLI_CONFIG_FILE: undefined }, process.argv[2]));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
