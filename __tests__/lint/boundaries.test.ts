// The lint rules that keep the layers apart (eslint.config.mjs), run through ESLint's Node API
// on a deliberately bad import across each boundary, and on good ones that must pass.
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const LAYER_RULE = '@typescript-eslint/no-restricted-imports';
const use = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;
const useType = (source: string) => `import type { X } from '${source}';\nexport type Y = X;\n`;

// A row with 'type' imports with `import type`: the boundaries hold for types too.
const bad: Array<[file: string, source: string, message: RegExp, kind?: 'type']> = [
  ['src/domain/ecr/new-rule.ts', '../../config/schema', /src\/domain .* imports nothing above it/],
  ['src/domain/ecr/new-rule.ts', '../../constructs/ecr/repository', /src\/domain .* imports nothing above it/],
  ['src/domain/ecr/lifecycle-rules.ts', '../../config/schema/lifecycle', /src\/domain .* imports nothing above it/, 'type'],
  ['src/domain/kubernetes/rules.ts', '../../config/schema/kubernetes', /src\/domain .* imports nothing above it/, 'type'],
  ['src/domain/pull-through-cache/upstreams.ts', '../../config/schema/pull-through-cache', /src\/domain .* imports nothing above it/, 'type'],
  ['src/domain/kubernetes/new-rule.ts', '../../stacks/workloads-stack', /src\/domain .* imports nothing above it/],
  ['src/domain/new-fact.ts', '../guardrails', /src\/domain .* imports nothing above it/],
  ['src/domain/new-fact.ts', '../cli/command', /src\/domain .* imports nothing above it/],
  ['src/domain/new-fact.ts', 'cdktf', /src\/domain .* imports nothing above it/],
  ['src/config/checks/new-check.ts', '../../constructs/ecr/repository', /src\/config never imports src\/constructs/],
  ['src/config/new-step.ts', '../constructs/access/ci-role', /src\/config never imports src\/constructs/],
  ['src/config/parse/tfvars.ts', '../load', /src\/config\/parse never imports src\/config\/load/],
  ['src/config/parse/tfvars/layouts.ts', '../../../constructs/ecr/repository', /src\/config never imports src\/constructs/],
  ['src/constructs/ecr/new-construct.ts', '../../config/model', /Constructs .* never import src\/config/],
  ['src/constructs/ecr/new-construct.ts', '../../config/checks/registry', /Constructs .* never import src\/config/],
  ['src/constructs/ecr/repository.ts', '../../config/schema/lifecycle', /Constructs .* never import src\/config/, 'type'],
  ['src/constructs/kubernetes/cluster-provider.ts', '../../config/schema/kubernetes', /Constructs .* never import src\/config/, 'type'],
  ['src/stacks/new-stack.ts', '../config/checks', /Stacks .* run no configuration checks/],
  ['src/stacks/new-stack.ts', '../config/checks/registry', /Stacks .* run no configuration checks/],
  ['src/stacks/new-stack.ts', '../config/load', /Stacks .* run no configuration checks/],
  ['src/stacks/new-stack.ts', '../config/parse', /Stacks .* run no configuration checks/],
  ['src/stacks/new-stack.ts', '../config/validate', /Stacks .* run no configuration checks/],
  ['src/config/resolve/new-step.ts', '../../stacks/registry-stack', /src\/config never imports the stacks/],
  ['src/config/checks/new-check.ts', '../../app', /src\/config never imports the stacks/],
  ['src/config/parse/new-format.ts', '../../cli/io', /src\/config never imports the stacks/],
  ['src/config/checks/access.ts', '../../guardrails/rules/iam', /src\/config never imports the stacks, the app, the CLI or the guardrails/],
  // Files that crossed a boundary before the resolve step (issue 15) cross none now.
  ['src/stacks/workloads-stack.ts', '../config/checks/kubernetes', /Stacks .* run no configuration checks/],
  ['src/stacks/access-stack.ts', '../config/checks/access', /Stacks .* run no configuration checks/],
  ['src/constructs/kubernetes/rag-service.ts', '../../config/resolve/services', /Constructs .* never import src\/config/],
  ['src/constructs/pull-through-cache/pull-through-cache.ts', '../../config/model', /Constructs .* never import src\/config/],
  ['src/constructs/pull-through-cache/pull-through-cache.ts', '../../config/schema', /Constructs .* never import src\/config/, 'type'],
];
const good: Array<[file: string, code: string]> = [
  ['src/domain/ecr/new-rule.ts', use('../problem')],
  ['src/domain/ecr/new-rule.ts', use('../kubernetes/quantity')],
  ['src/config/checks/new-check.ts', use('../../domain/ecr/lifecycle-rules')],
  ['src/config/checks/access.ts', use('../../domain/suppression-rules')],
  ['src/config/parse/tfvars.ts', use('../validate')],
  ['src/constructs/ecr/new-construct.ts', use('../../domain/ecr/iam-actions')],
  ['src/stacks/new-stack.ts', use('../constructs/ecr/repository')],
  ['src/stacks/new-stack.ts', use('../config/model')],
  ['src/stacks/new-stack.ts', use('../config/resolve/platform')],
];

interface Message {
  ruleId: string | null;
  message: string;
  fatal: boolean;
}

/** Every text linted in one node process (ESLint's start-up is the slow part). */
function lint(texts: Array<{ file: string; code: string }>): Message[][] {
  const result = spawnSync(process.execPath, [path.join(__dirname, '../support/lint-text.mjs')], {
    cwd: path.resolve(__dirname, '../..'),
    input: JSON.stringify(texts),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`lint-text failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('lint: layer boundaries', () => {
  const results = lint([...bad.map(([file, source, , kind]) => ({ file, code: kind === 'type' ? useType(source) : use(source) })), ...good.map(([file, code]) => ({ file, code }))]);
  const badResults = results.slice(0, bad.length);
  const goodResults = results.slice(bad.length);

  it.each(bad.map(([file, source, message], i) => [file, source, message, i] as const))('%s may not import %s', (_file, _source, message, i) => {
    expect(badResults[i]).toEqual([{ ruleId: LAYER_RULE, message: expect.stringMatching(message), fatal: false }]);
  });

  it.each(good.map(([file, code], i) => [file, code.split("'")[1], i] as const))('%s may import %s', (_file, _source, i) => {
    expect(goodResults[i]).toEqual([]);
  });
});
