/**
 * Prints a SHA-256 per synthesized stack file for a fixed set of configurations: the embedded
 * example, every tfvars fixture, and a large registry configuration. Run by
 * scripts/compare-synth.sh at two revisions to show that a refactoring leaves the output
 * byte-identical. Imports only entry points that stay put across refactorings.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../src/app';
import { loadConfig, parseConfig } from '../src/config/load';
import { manyRepositories, registryConfig } from '../__tests__/registry/support';
import type { PlatformConfig } from '../src/config/schema';

// The tfvars translation moved into the parse step (issue 15); this script runs at revisions before and after.
const TFVARS_MODULE = ['../src/config/parse/tfvars', '../src/config/tfvars'].find((m) => fs.existsSync(path.join(__dirname, `${m}.ts`)))!;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tfvarsToConfig } = require(TFVARS_MODULE) as typeof import('../src/config/parse/tfvars');

const FIXTURES = path.join(__dirname, '..', '__tests__', 'fixtures', 'tfvars');
const TFVARS_EXTRA = { account_id: '111122223333', project: 'legacy', region: 'eu-central-1' };

async function configurations(): Promise<Record<string, PlatformConfig>> {
  const out: Record<string, PlatformConfig> = { example: await loadConfig() };
  for (const name of fs.readdirSync(FIXTURES).sort()) {
    const text = fs.readFileSync(path.join(FIXTURES, name, 'terraform.tfvars'), 'utf8');
    const variables: Record<string, unknown> = {};
    // Supply whatever a layout lacks; unknown variables are refused, so try the smallest set that works.
    for (const attempt of [{}, { account_id: TFVARS_EXTRA.account_id }, TFVARS_EXTRA]) {
      try {
        out[`tfvars/${name}`] = parseConfig(await tfvarsToConfig(text, 'terraform.tfvars', { variables: { ...variables, ...attempt } }));
        break;
      } catch {
        /* try the next set */
      }
    }
  }
  out.large = registryConfig(
    {
      defaults: { scanOnPush: true, encryption: { type: 'KMS' }, lifecyclePolicy: { preset: 'application' } },
      scanning: { type: 'ENHANCED', rules: [{ frequency: 'CONTINUOUS_SCAN', filters: ['team-0/*'] }, { frequency: 'SCAN_ON_PUSH', filters: ['*'] }] },
      replication: { rules: [{ destinations: [{ region: 'eu-west-1' }], prefixFilters: ['team-0', 'team-1'] }], allowReplicationFrom: [{ accountId: '555566667777', prefixes: ['team-0/'] }] },
    },
    manyRepositories(60, (i) => ({
      ...(i % 10 === 0 ? { pull: { principals: ['222233334444'] }, push: { principals: ['arn:aws:iam::222233334444:role/ci'] } } : {}),
      ...(i % 25 === 0 ? { environments: ['prod'] } : {}),
    })),
  );
  return out;
}

async function main(): Promise<void> {
  const digests: Record<string, string> = {};
  for (const [name, config] of Object.entries(await configurations())) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-digest-'));
    const platform = buildApp(config, { outdir, skipValidation: true });
    platform.app.synth();
    for (const stack of fs.readdirSync(path.join(outdir, 'stacks')).sort()) {
      const json = fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'));
      digests[`${name} ${stack}`] = crypto.createHash('sha256').update(json).digest('hex');
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  for (const [key, digest] of Object.entries(digests)) console.log(`${digest}  ${key}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
