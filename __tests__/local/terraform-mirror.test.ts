import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_PROVIDER, findProviderMirror, KNOWN_MIRRORS, NO_MIRROR_MESSAGE, terraformCliConfig, type MirrorSearch } from '../../src/local/terraform-mirror';
import { tempDir } from '../support/temp-dir';

/** A directory in filesystem-mirror layout holding hashicorp/aws at `version` (unpacked). */
function mirrorAt(dir: string, version = AWS_PROVIDER.version): string {
  fs.mkdirSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', version, 'linux_amd64'), { recursive: true });
  return dir;
}

describe('the provider mirror finder', () => {
  let root: string;
  let search: MirrorSearch;
  beforeEach(() => {
    root = tempDir('mirror-');
    // Nothing of the machine's own: a home, a working directory, XDG dirs and known places inside root.
    search = {
      env: { XDG_DATA_HOME: path.join(root, 'xdg-home'), XDG_DATA_DIRS: path.join(root, 'xdg-a') },
      home: path.join(root, 'home'),
      cwd: path.join(root, 'work'),
      known: [path.join(root, 'opt-tf-plugins')],
    };
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('pins the version @cdktf/provider-aws is generated for', () => {
    expect(AWS_PROVIDER).toEqual({ source: 'registry.terraform.io/hashicorp/aws', version: '5.100.0' });
  });

  it('takes TF_PROVIDER_MIRROR first, over implied and known places', () => {
    mirrorAt(path.join(root, 'home', '.terraform.d', 'plugins'));
    mirrorAt(path.join(root, 'opt-tf-plugins'));
    const explicit = mirrorAt(path.join(root, 'explicit'));
    expect(findProviderMirror({ ...search, env: { ...search.env, TF_PROVIDER_MIRROR: explicit } })).toEqual({ dir: explicit, via: 'TF_PROVIDER_MIRROR' });
  });

  it('refuses a TF_PROVIDER_MIRROR without the pinned version instead of looking elsewhere', () => {
    const old = mirrorAt(path.join(root, 'old'), '5.99.0');
    mirrorAt(path.join(root, 'opt-tf-plugins'));
    expect(() => findProviderMirror({ ...search, env: { TF_PROVIDER_MIRROR: old } })).toThrow(
      `TF_PROVIDER_MIRROR=${old} has no registry.terraform.io/hashicorp/aws 5.100.0`,
    );
  });

  it("then Terraform's implied directories in its order: ./terraform.d/plugins, ~/.terraform.d/plugins, the XDG data dirs", () => {
    const xdg = mirrorAt(path.join(root, 'xdg-a', 'terraform', 'plugins'));
    mirrorAt(path.join(root, 'opt-tf-plugins'));
    expect(findProviderMirror(search)).toEqual({ dir: xdg, via: 'implied' });
    const home = mirrorAt(path.join(root, 'home', '.terraform.d', 'plugins'));
    expect(findProviderMirror(search)).toEqual({ dir: home, via: 'implied' });
    const cwd = mirrorAt(path.join(root, 'work', 'terraform.d', 'plugins'));
    expect(findProviderMirror(search)).toEqual({ dir: cwd, via: 'implied' });
  });

  it('then the known locations; /opt/tf-plugins is one of them by default', () => {
    const known = mirrorAt(path.join(root, 'opt-tf-plugins'));
    expect(findProviderMirror(search)).toEqual({ dir: known, via: 'known' });
    expect(KNOWN_MIRRORS).toContain('/opt/tf-plugins');
  });

  it('skips a place without the pinned version, a plugin cache and a .terraform/providers folder', () => {
    mirrorAt(path.join(root, 'home', '.terraform.d', 'plugins'), '5.99.0');
    const cache = mirrorAt(path.join(root, 'xdg-a', 'terraform', 'plugins'));
    const workingDir = mirrorAt(path.join(root, 'other', '.terraform', 'providers'));
    const pluginCache = mirrorAt(path.join(root, 'home', '.terraform.d', 'plugin-cache'));
    const known = mirrorAt(path.join(root, 'opt-tf-plugins'));
    const found = findProviderMirror({ ...search, env: { ...search.env, TF_PLUGIN_CACHE_DIR: cache }, known: [workingDir, pluginCache, known] });
    expect(found).toEqual({ dir: known, via: 'known' });
  });

  it('searches nowhere else: a mirror in some other folder is not found', () => {
    mirrorAt(path.join(root, 'elsewhere'));
    expect(findProviderMirror(search)).toBeUndefined();
    expect(() => terraformCliConfig(search, path.join(root, 'run'))).toThrow(NO_MIRROR_MESSAGE);
  });

  it("writes the CLI config into the run's own folder: two runs, two files, each naming the mirror", () => {
    const known = mirrorAt(path.join(root, 'opt-tf-plugins'));
    const a = terraformCliConfig(search, path.join(root, 'run-a'));
    const b = terraformCliConfig(search, path.join(root, 'run-b'));
    expect([a.file, b.file]).toEqual([path.join(root, 'run-a', 'terraform.rc'), path.join(root, 'run-b', 'terraform.rc')]);
    expect(fs.readFileSync(a.file, 'utf8')).toContain(`path    = ${JSON.stringify(known)}`);
    expect(fs.readFileSync(b.file, 'utf8')).toContain('filesystem_mirror');
  });

  it('keeps a TF_CLI_CONFIG_FILE that exists, and writes nothing', () => {
    const own = path.join(root, 'own.rc');
    fs.writeFileSync(own, '# mine');
    expect(terraformCliConfig({ ...search, env: { TF_CLI_CONFIG_FILE: own } }, path.join(root, 'run'))).toEqual({ file: own });
    expect(fs.existsSync(path.join(root, 'run'))).toBe(false);
  });
});
