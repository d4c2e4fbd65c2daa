// The guardrails as `npm run synth` runs them: errors fail with one line each on stderr, warnings
// print on stdout (cdktf shows every stderr line of the app as [ERROR]).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { run } from '../../src/cli/synth';
import { runCli } from '../support/cli';
import { defaultConfigInput, mergeConfig } from '../support/config';
import { tempDir } from '../support/temp-dir';

async function synthWith(overrides: Record<string, unknown>) {
  const dir = tempDir('guardrails-synth-');
  const configPath = path.join(dir, 'platform.yaml');
  fs.writeFileSync(configPath, stringify(mergeConfig(defaultConfigInput(), overrides)));
  const outdir = path.join(dir, 'cdktf.out');
  const { code, out, err } = await runCli(run, [], { PLATFORM_CONFIG: configPath, CDKTF_OUTDIR: outdir });
  return { code, out, err, written: fs.existsSync(outdir) };
}

describe('guardrails in the synth', () => {
  it('an error fails the synth with one line: rule, stack, resource path, problem, fix; nothing is written', async () => {
    const base = defaultConfigInput() as any;
    const repositories = base.registry.repositories.map((r: any) => (r.name === 'faro-rag/rag-query' ? { ...r, tagMutability: 'MUTABLE' } : r));
    const { code, out, err, written } = await synthWith({ registry: { ...base.registry, repositories } });
    expect(code).toBe(1);
    expect(written).toBe(false);
    // The warning still prints, on stdout; stderr holds the error and the verdict only.
    expect(out).toEqual([expect.stringMatching(/^WARN STATE-006 bootstrap bootstrap: /)]);
    expect(err).toHaveLength(2);
    expect(err.filter((l) => l.startsWith('ERROR'))).toEqual([
      'ERROR ECR-004 registry registry/repo-faro-rag--rag-query/repository: repository "faro-rag/rag-query" is used by production (workloads-prod/service-rag-query/deployment) but its tags are MUTABLE. Fix: Set tagMutability: IMMUTABLE on the repository (the default for repositories a production environment uses), and deploy new versions under new tags.',
    ]);
    expect(err[err.length - 1]).toBe('synth failed: 1 problem; cdktf.out was not changed');
  });

  it('warnings print on stdout, not stderr, and do not fail the synth', async () => {
    const { code, out, err, written } = await synthWith({});
    expect(code).toBe(0);
    expect(written).toBe(true);
    expect(err).toEqual([]);
    expect(out).toEqual([expect.stringMatching(/^WARN STATE-006 bootstrap bootstrap: /), expect.stringMatching(/^Synthesized \d+ stacks/)]);
  });
});
