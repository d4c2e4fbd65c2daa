// The README's output of `npm run local` is what the command prints today: the resources each
// stack adds, the outputs, the repositories and the lines of the access report match what the
// example synthesizes into (pointed at a local API the way `npm run local` points it). The
// deploy itself is tested by the apply suite; this keeps the documented output from drifting
// when a stack gains a resource or an output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildApp } from '../../src/app';
import { parseConfig } from '../../src/config/load';
import { synthesizedStacks } from '../../src/guardrails/synthesized';
import { localConfig } from '../../src/local/deploy';
import { accessReport } from '../../src/report';
import { defaultConfigInput } from '../support/config';
import { tempDir } from '../support/temp-dir';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The text block of the README section on `npm run local`. */
function documentedOutput(): string {
  const section = readme.split('\n### Try it without an AWS account: `npm run local`\n')[1]?.split('\n### ')[0] ?? '';
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the README section on npm run local has no text block');
  return block[1];
}

/** The lines of each `== <heading>` part of the output. */
function parts(output: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of output.split('\n')) {
    const heading = /^== (.+)$/.exec(line);
    if (heading) result.set(heading[1], (current = []));
    else current.push(line);
  }
  return result;
}

describe('the README output of npm run local', () => {
  const documented = parts(documentedOutput());
  const config = parseConfig(localConfig(defaultConfigInput(), 'http://127.0.0.1:5000'));
  const outdir = tempDir('local-output-');
  const platform = buildApp(config, { outdir, skipValidation: true });
  platform.app.synth();
  const stacks = new Map(synthesizedStacks(platform.app).map((stack) => [stack.name, stack.json]));
  const stackJson = (stack: string) => stacks.get(stack)!;
  const resourceCount = (stack: string) => Object.values<Record<string, unknown>>(stackJson(stack).resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);

  it('has the parts the command prints, in its order', () => {
    expect([...documented.keys()]).toEqual([
      'cdktf deploy bootstrap (the state bucket)',
      'cdktf deploy registry access',
      'outputs of bootstrap',
      'outputs of registry',
      'outputs of access',
      'repositories in the local registry',
      'access report',
      'teardown: moto stopped (everything it held is gone), working folder deleted',
    ]);
  });

  it('adds as many resources per stack as the stack synthesizes', () => {
    const added = [...documented.get('cdktf deploy bootstrap (the state bucket)')!, ...documented.get('cdktf deploy registry access')!]
      .map((line) => /^(\S+) Apply complete! Resources: (\d+) added, 0 changed, 0 destroyed\.$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], Number(match[2])]);
    expect(added).toEqual(['bootstrap', 'registry', 'access'].map((stack) => [stack, resourceCount(stack)]));
  });

  it("prints each stack's outputs, every one it synthesizes", () => {
    for (const stack of ['bootstrap', 'registry', 'access']) {
      const names = documented.get(`outputs of ${stack}`)!.map((line) => /^([a-z_]+) = /.exec(line)?.[1]).filter(Boolean);
      expect({ stack, names }).toEqual({ stack, names: Object.keys(stackJson(stack).output ?? {}).sort() });
    }
  });

  it('lists the repositories the registry stack makes', () => {
    const arns = documented.get('repositories in the local registry')!.filter(Boolean);
    const names = Object.values<{ name: string }>(stackJson('registry').resource.aws_ecr_repository).map((r) => r.name);
    expect(arns).toEqual(names.map((name) => `arn:aws:ecr:${config.aws.region}:${config.aws.accountId}:repository/${name}`).sort());
  });

  it("shows lines of the access report as it is (the cut ones marked '...')", () => {
    const shown = documented.get('access report')!.filter((line) => line && line !== '...');
    expect(shown.length).toBeGreaterThan(5);
    const report = accessReport(platform, config, { source: 'the embedded example configuration (deployed into moto)' }).split('\n');
    expect(shown.filter((line) => !report.includes(line))).toEqual([]);
  });
});
