/**
 * Finds a local provider mirror that holds the AWS provider this project pins, and writes a
 * Terraform CLI configuration that installs providers from it, so `terraform init` works with
 * no access to the Terraform registry. Used by `npm run plan -- --offline`, the terraform test
 * suites and .ci/run.
 *
 * Where it looks, in this order, and nowhere else (no search of the disk: the first hit of a
 * search was often another working directory's `.terraform/providers`, a different one each run):
 *  1. TF_PROVIDER_MIRROR, a directory in filesystem-mirror layout (an error if it lacks the provider).
 *  2. Terraform's implied local mirror directories (CLI configuration docs, "Implied Local Mirror
 *     Directories", https://developer.hashicorp.com/terraform/cli/config/config-file#implied-local-mirror-directories):
 *     terraform.d/plugins in the working directory, ~/.terraform.d/plugins, and terraform/plugins
 *     in each XDG data directory ($XDG_DATA_HOME or ~/.local/share, then $XDG_DATA_DIRS or
 *     /usr/local/share:/usr/share).
 *  3. A short list of known locations (KNOWN_MIRRORS).
 * A directory counts only if it has the pinned version (hashicorp/aws/<version>/, unpacked, or its
 * zip, packed). Terraform's own caches (`.terraform/providers`, TF_PLUGIN_CACHE_DIR, the
 * plugin-cache folder cdktf fills) are never used: their content changes with whatever ran last.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The provider and version @cdktf/provider-aws is generated for (its package.json `cdktf.provider`). */
export const AWS_PROVIDER: { readonly source: string; readonly version: string } = (() => {
  const manifest = JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as { cdktf: { provider: { name: string; version: string } } };
  const { name, version } = manifest.cdktf.provider;
  return { source: name, version };
})();

/** Places a provider mirror is kept on machines this project runs on, after Terraform's own. */
export const KNOWN_MIRRORS: readonly string[] = ['/opt/tf-plugins', '/opt/terraform/plugins', '/usr/local/lib/terraform/plugins'];

export interface MirrorSearch {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default os.homedir() */
  readonly home?: string;
  /** The directory Terraform runs in (its terraform.d/plugins is an implied mirror). @default process.cwd() */
  readonly cwd?: string;
  /** @default KNOWN_MIRRORS */
  readonly known?: readonly string[];
}

export interface FoundMirror {
  readonly dir: string;
  /** Which rule found it: "TF_PROVIDER_MIRROR", "implied" or "known". */
  readonly via: 'TF_PROVIDER_MIRROR' | 'implied' | 'known';
}

/** Whether `dir` holds the pinned AWS provider in filesystem-mirror layout (unpacked or packed). */
export function hasPinnedAwsProvider(dir: string, version = AWS_PROVIDER.version): boolean {
  const provider = path.join(dir, ...AWS_PROVIDER.source.split('/'));
  if (fs.existsSync(path.join(provider, version))) return true;
  try {
    return fs.readdirSync(provider).some((file) => file.startsWith(`terraform-provider-aws_${version}_`) && file.endsWith('.zip'));
  } catch {
    return false;
  }
}

/** A cache, never a mirror: a working directory's `.terraform/providers`, or a plugin cache. */
export function isProviderCache(dir: string, env: Readonly<Record<string, string | undefined>>): boolean {
  const resolved = path.resolve(dir);
  const parts = resolved.split(path.sep);
  if (parts.includes('.terraform') || parts.includes('plugin-cache')) return true;
  return Boolean(env.TF_PLUGIN_CACHE_DIR && path.resolve(env.TF_PLUGIN_CACHE_DIR) === resolved);
}

/** Terraform's implied local mirror directories on Linux and other Unix-like systems, in its order. */
export function impliedMirrorDirs(search: MirrorSearch): string[] {
  const home = search.home ?? os.homedir();
  const dataHome = search.env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const dataDirs = (search.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  return [
    path.join(search.cwd ?? process.cwd(), 'terraform.d', 'plugins'),
    path.join(home, '.terraform.d', 'plugins'),
    ...[dataHome, ...dataDirs].map((dir) => path.join(dir, 'terraform', 'plugins')),
  ];
}

/** The mirror to use, or undefined when none of the places holds the pinned provider. */
export function findProviderMirror(search: MirrorSearch): FoundMirror | undefined {
  const explicit = search.env.TF_PROVIDER_MIRROR;
  if (explicit) {
    if (!hasPinnedAwsProvider(explicit)) {
      throw new Error(`TF_PROVIDER_MIRROR=${explicit} has no ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} (expected ${path.join(explicit, AWS_PROVIDER.source, AWS_PROVIDER.version)})`);
    }
    return { dir: path.resolve(explicit), via: 'TF_PROVIDER_MIRROR' };
  }
  const usable = (dir: string) => !isProviderCache(dir, search.env) && hasPinnedAwsProvider(dir);
  const implied = impliedMirrorDirs(search).find(usable);
  if (implied) return { dir: implied, via: 'implied' };
  const known = (search.known ?? KNOWN_MIRRORS).find(usable);
  return known ? { dir: known, via: 'known' } : undefined;
}

export function cliConfig(mirror: string): string {
  return [
    '# Written by src/local/terraform-mirror.ts: providers come from a local mirror, never the registry.',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

export const NO_MIRROR_MESSAGE =
  `no Terraform provider mirror with ${AWS_PROVIDER.source} ${AWS_PROVIDER.version} was found ` +
  `(looked in TF_PROVIDER_MIRROR, Terraform's implied mirror directories and ${KNOWN_MIRRORS.join(', ')}). ` +
  'Set TF_PROVIDER_MIRROR to a filesystem mirror (`terraform providers mirror <dir>` in a synthesized stack on a connected machine), ' +
  'or TF_CLI_CONFIG_FILE to a CLI config that can install it.';

/**
 * The CLI config Terraform should use: TF_CLI_CONFIG_FILE when it names an existing file,
 * otherwise one written into `dir` (the run's own folder, so runs side by side never share it)
 * for the mirror found. Throws NO_MIRROR_MESSAGE when there is neither.
 */
export function terraformCliConfig(search: MirrorSearch, dir: string): { file: string; mirror?: FoundMirror } {
  const existing = search.env.TF_CLI_CONFIG_FILE;
  if (existing && fs.existsSync(existing)) return { file: existing };
  const mirror = findProviderMirror(search);
  if (!mirror) throw new Error(NO_MIRROR_MESSAGE);
  const file = path.join(dir, 'terraform.rc');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, cliConfig(mirror.dir));
  return { file, mirror };
}
