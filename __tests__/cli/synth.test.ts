import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { run } from '../../src/cli/synth';
import { runCli } from '../support/cli';
import { defaultConfigInput, mergeConfig } from '../support/config';
import { tempDir } from '../support/temp-dir';

function writeConfig(dir: string, raw: unknown): string {
  const file = path.join(dir, 'platform.yaml');
  fs.writeFileSync(file, stringify(raw));
  return file;
}

async function synth(configPath: string | undefined, outdir: string) {
  return runCli(run, [], { PLATFORM_CONFIG: configPath, CDKTF_OUTDIR: outdir });
}

describe('synth runner', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('synth-');
  });

  it('writes every stack of the default configuration', async () => {
    const outdir = path.join(dir, 'cdktf.out');
    const { code, out, err } = await synth(undefined, outdir);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[out.length - 1]).toMatch(/^Synthesized \d+ stacks/);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(['bootstrap', 'registry', 'access', 'workloads-dev', 'workloads-prod']));
    // No scratch folders are left behind.
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
  });

  it('on bad configuration: exit 1, one line per problem, and the previous output untouched', async () => {
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.txt'), 'kept');
    const config = writeConfig(dir, mergeConfig(defaultConfigInput(), { aws: { accountId: 'abc', region: 'eu-central-1' }, project: 'Faro!' }));
    const { code, err } = await synth(config, outdir);
    expect(code).toBe(1);
    expect(err).toEqual([
      'project: must be lower-case letters, digits and - (2-32 characters), got "Faro!"',
      'aws.accountId: must be a 12-digit AWS account ID, got "abc"',
      `configuration ${config} has 2 problems; nothing was synthesized`,
    ]);
    expect(fs.readdirSync(outdir)).toEqual(['previous.txt']);
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'platform.yaml']);
  });

  it('main.ts reads PLATFORM_CONFIG, exits non-zero and prints no stack trace', () => {
    const config = writeConfig(dir, mergeConfig(defaultConfigInput(), { state: { bucket: 'x' } }));
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'main.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, PLATFORM_CONFIG: config, CDKTF_OUTDIR: path.join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('state.bucket: must be 3 to 63 characters long, got "x" (1)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('npm run synth (esbuild + node, not tsx) reads a terraform.tfvars named by PLATFORM_CONFIG', () => {
    // The package script itself, writing to a scratch dir instead of dist/: it must keep
    // src/config/parse's lazy import('./tfvars') working outside tsx and jest.
    const root = path.resolve(__dirname, '../..');
    const script: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.synth;
    const build = path.join(dir, 'dist');
    const result = spawnSync('sh', ['-c', script.replace(/\bdist\b/g, build)], {
      cwd: root,
      env: {
        ...process.env,
        NODE_PATH: path.join(root, 'node_modules'),
        PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
        PLATFORM_CONFIG: path.join(root, '__tests__/fixtures/tfvars/repos-ecr/terraform.tfvars'),
        CDKTF_OUTDIR: path.join(dir, 'out'),
      },
      encoding: 'utf8',
    });
    expect({ status: result.status, errors: result.stderr.split('\n').filter(Boolean) }).toEqual({ status: 0, errors: [] });
    expect(result.stdout).toMatch(/^Synthesized 3 stacks into .*: bootstrap, registry, access$/m);
    const registry = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'stacks', 'registry', 'cdk.tf.json'), 'utf8'));
    expect(Object.values(registry.resource.aws_ecr_repository).map((r: any) => r.name)).toContain('my-web-app');
  });
});

describe('re-synthesizing', () => {
  it('keeps terraform init output of existing stacks, so plans need no re-init', async () => {
    const dir = tempDir('resynth-');
    const outdir = path.join(dir, 'cdktf.out');
    expect((await runCli(run, [], { CDKTF_OUTDIR: outdir })).code).toBe(0);
    fs.mkdirSync(path.join(outdir, 'stacks', 'registry', '.terraform'));
    fs.writeFileSync(path.join(outdir, 'stacks', 'registry', '.terraform.lock.hcl'), '# lock');
    fs.writeFileSync(path.join(outdir, 'stacks', 'registry', 'stray.txt'), 'gone after synth');
    expect((await runCli(run, [], { CDKTF_OUTDIR: outdir })).code).toBe(0);
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'registry')).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json']);
  });
});

describe('scratch folders of an interrupted synth', () => {
  it('the next synth removes those whose process is gone, and keeps a running synth\'s and other folders', async () => {
    const dir = tempDir('interrupted-');
    const outdir = path.join(dir, 'cdktf.out');
    // A synth killed midway: its process has exited, its scratch folder (with a stack in it) is still there.
    const gone = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' }).pid;
    const interrupted = `.cdktf.out-${gone}-Ab12Cd`;
    fs.mkdirSync(path.join(dir, interrupted, 'stacks', 'registry'), { recursive: true });
    fs.writeFileSync(path.join(dir, interrupted, 'stacks', 'registry', 'cdk.tf.json'), '{}');
    const earlierVersion = '.cdktf.out-x1Y2z3'; // scratch folders were named without a process ID
    fs.mkdirSync(path.join(dir, earlierVersion));
    const running = `.cdktf.out-${process.pid}-Zz9Yy8`; // a synth in progress (this process)
    fs.mkdirSync(path.join(dir, running));
    const otherOutdir = `.cdktf.out-dev-${gone}-Qq1Ww2`; // scratch of a synth into cdktf.out-dev
    fs.mkdirSync(path.join(dir, otherOutdir));

    const { code, err } = await runCli(run, [], { CDKTF_OUTDIR: outdir });
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(fs.readdirSync(dir).sort()).toEqual([otherOutdir, running, 'cdktf.out'].sort());
  });
});
