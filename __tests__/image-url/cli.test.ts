import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { run as imageUrl } from '../../src/cli/image-url';
import { runCli } from '../support/cli';
import { defaultConfigInput, mergeConfig } from '../support/config';
import { tempDir } from '../support/temp-dir';

const REGISTRY = '111122223333.dkr.ecr.eu-central-1.amazonaws.com';

async function run(args: string[], configPath?: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const { code, out, err } = await runCli(imageUrl, args, { PLATFORM_CONFIG: configPath }, 'image-url');
  return { code, out, err };
}

function writeConfig(overrides: Record<string, unknown>): string {
  const file = path.join(tempDir('image-url-'), 'platform.yaml');
  fs.writeFileSync(file, stringify(mergeConfig(defaultConfigInput(), overrides)));
  return file;
}

describe('npm run image-url', () => {
  it('prints one cached reference per image, from the embedded example configuration', async () => {
    expect(await run(['nginx', 'quay.io/prometheus/node-exporter:v1.8.0'])).toEqual({
      code: 0,
      out: [`${REGISTRY}/docker-hub/library/nginx:latest`, `${REGISTRY}/quay/prometheus/node-exporter:v1.8.0`],
      err: [],
    });
  });

  it('reads the configuration named by PLATFORM_CONFIG, and --config over it', async () => {
    const other = writeConfig({ aws: { accountId: '444455556666', region: 'us-east-1' }, state: { bucket: 'other-state' }, pullThroughCache: { rules: [{ upstream: 'docker-hub', prefix: 'hub' }] } });
    expect((await run(['nginx'], other)).out).toEqual(['444455556666.dkr.ecr.us-east-1.amazonaws.com/hub/library/nginx:latest']);
    expect((await run(['--config', other, 'nginx'], '/does/not/exist.yaml')).out).toEqual(['444455556666.dkr.ecr.us-east-1.amazonaws.com/hub/library/nginx:latest']);
  });

  it('prints one clear line per bad image on stderr and exits 1, still converting the others', async () => {
    const result = await run(['gcr.io/distroless/static', 'nginx']);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([`${REGISTRY}/docker-hub/library/nginx:latest`]);
    expect(result.err).toEqual([expect.stringMatching(/^image-url: "gcr\.io\/distroless\/static": no pull-through cache rule for gcr\.io; configured upstreams: docker\.io \(docker-hub\/\), /)]);
  });

  it('prints Helm values with --helm', async () => {
    const result = await run(['--helm', 'bitnami/wordpress:6.5']);
    expect(result.code).toBe(0);
    const text = result.out.join('\n');
    expect(parse(text)).toEqual({ image: { registry: REGISTRY, repository: 'docker-hub/bitnami/wordpress', tag: '6.5' } });
    expect(text).toContain(`--set image.registry=${REGISTRY},image.repository=docker-hub/bitnami/wordpress,image.tag=6.5`);
  });

  it('reports configuration problems and usage mistakes without a stack trace', async () => {
    const broken = writeConfig({ pullThroughCache: { rules: [{ upstream: 'docker-hub', createCredential: false }] } });
    const bad = await run(['nginx'], broken);
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/^pullThroughCache\.rules\[0\]: Docker Hub \(docker-hub\) needs a credential/);
    expect(bad.err[1]).toBe(`image-url: configuration ${broken} has 1 problem; no image was converted`);

    const none = await run([]);
    expect({ code: none.code, err: none.err.slice(0, 2) }).toEqual({ code: 1, err: ['image-url: name at least one image', expect.stringMatching(/^usage: /)] });
    const unknown = await run(['--tag', 'nginx']);
    expect({ code: unknown.code, err: unknown.err.slice(0, 2) }).toEqual({ code: 1, err: ['image-url: unknown option --tag', expect.stringMatching(/^usage: /)] });
    const help = await run(['--help']);
    expect({ code: help.code, first: help.out[0], err: help.err }).toEqual({ code: 0, first: expect.stringMatching(/^usage: npm run image-url/), err: [] });
  });
});
