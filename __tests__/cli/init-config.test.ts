import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/init-config';
import { SCHEMA_PATH } from '../../src/cli/write-schema';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../src/config/load';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/** The file a YAML language server opens for the `$schema` comment of `file`. */
function schemaOf(file: string): string {
  const [, schema] = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(file, 'utf8')) ?? [];
  return path.resolve(path.dirname(file), schema);
}

describe('npm run init-config', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('init-config-');
  });

  it('a plain copy loses editor completion: the example points at a schema beside itself only', () => {
    const copy = path.join(dir, 'platform.yaml');
    fs.copyFileSync(DEFAULT_CONFIG_PATH, copy);
    expect(fs.existsSync(schemaOf(copy))).toBe(false);
    expect(schemaOf(DEFAULT_CONFIG_PATH)).toBe(SCHEMA_PATH);
  });

  it.each([['platform.yaml'], ['nested/deeper/platform.yaml']])('writes %s with a $schema that resolves to the project schema from there', async (name) => {
    const target = path.join(dir, name);
    const { code, out, err } = await runCli(run, [target]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^Wrote .*platform\.yaml \(yaml-language-server: \$schema=(\.\.\/)+.*src\/config\/platform\.schema\.json\)/);
    expect(schemaOf(target)).toBe(SCHEMA_PATH);
  });

  it('a copy in the project root names src/config/platform.schema.json', async () => {
    const root = path.resolve(__dirname, '../..');
    const target = path.join(root, `init-config-test-${process.pid}.yaml`);
    try {
      expect((await runCli(run, [target])).code).toBe(0);
      expect(fs.readFileSync(target, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./src/config/platform.schema.json');
    } finally {
      fs.rmSync(target, { force: true });
    }
  });

  it('the copy is the example: it loads to the same configuration', async () => {
    const target = path.join(dir, 'platform.yaml');
    await runCli(run, [target]);
    expect(await loadConfig(target)).toEqual(await loadConfig(DEFAULT_CONFIG_PATH));
  });

  it('never overwrites a file unless --force', async () => {
    const target = path.join(dir, 'platform.yaml');
    fs.writeFileSync(target, 'mine');
    expect(await runCli(run, [target])).toMatchObject({ code: 1, err: [`init-config: ${target} exists; nothing was written (--force replaces it)`] });
    expect(fs.readFileSync(target, 'utf8')).toBe('mine');
    expect((await runCli(run, [target, '--force'])).code).toBe(0);
    expect(schemaOf(target)).toBe(SCHEMA_PATH);
  });
});
