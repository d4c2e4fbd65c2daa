// Lint: typescript-eslint's recommended rules, plus the project's one hard rule:
// provider classes are imported by deep path only (`@cdktf/provider-aws/lib/<resource>`).
// The barrel costs ~2.5 s and 0.5 GB per process, and deep paths keep a later swap
// of the provider packages (e.g. to CDK Terrain) a one-line search and replace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers' boundaries (README "Layout"): data flows config -> constructs -> stacks -> app, and
// src/domain (AWS and Kubernetes facts and pure rules) sits beneath them all. A separate rule from
// the deep-import one above, so a layer's settings never replace that one's. Patterns are
// gitignore-style globs on the import as written (relative paths included).
const LAYER_RULE = '@typescript-eslint/no-restricted-imports';
const importsOf = (...dirs) => dirs.flatMap((dir) => [`**/${dir}`, `**/${dir}/**`]);
const ABOVE_DOMAIN = {
  group: [...importsOf('config', 'constructs', 'stacks', 'guardrails', 'cli', 'report', 'image-url', 'app'), 'cdktf', 'constructs', '@cdktf/*'],
  message: 'src/domain holds the AWS and Kubernetes facts and pure rules: it imports nothing above it (no config, constructs, stacks, guardrails, cli, cdktf).',
};
const CONFIG_FROM_CONSTRUCTS = { group: importsOf('config'), message: 'Constructs take typed props and never import src/config: pass the resolved values in.' };
const CONSTRUCTS_FROM_CONFIG = { group: importsOf('constructs'), message: 'src/config never imports src/constructs: shared rules and facts belong in src/domain.' };
const CHECKS_FROM_STACKS = {
  group: importsOf('config/checks', 'config/parse', 'config/load', 'config/validate'),
  message: 'Stacks build from the resolved model (src/config/resolve) and run no configuration checks: they never check, parse or load the configuration.',
};
// src/guardrails seen from src/config (one to three levels down); not `**/guardrails`, which would
// also match the configuration's own schema/guardrails.ts.
const GUARDRAILS_FROM_CONFIG = ['../', '../../', '../../../'].flatMap((up) => [`${up}guardrails`, `${up}guardrails/**`]);
const ABOVE_CONFIG = {
  group: [...importsOf('stacks', 'app', 'cli'), ...GUARDRAILS_FROM_CONFIG],
  message: 'src/config never imports the stacks, the app, the CLI or the guardrails (which read the synthesized stacks): data flows from the configuration to them; shared rules belong in src/domain.',
};
/** The layer rule with these patterns; `allowTypeImports` lets a listed exception keep its `import type`s. */
const layerRule = (...patterns) => ({ [LAYER_RULE]: ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', '.gen/**', '**/*.d.ts', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cdktf/provider-aws', message: "Import the resource by deep path: '@cdktf/provider-aws/lib/<resource>'." },
            { name: '@cdktf/provider-kubernetes', message: "Import the resource by deep path: '@cdktf/provider-kubernetes/lib/<resource>'." },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/domain/**/*.ts'], rules: layerRule(ABOVE_DOMAIN) },
  { files: ['src/config/**/*.ts'], rules: layerRule(CONSTRUCTS_FROM_CONFIG, ABOVE_CONFIG) },
  {
    // The parse step comes first: load.ts reads a file, parses it, checks it; parsing never calls back into loading.
    files: ['src/config/parse/**/*.ts'],
    rules: layerRule(CONSTRUCTS_FROM_CONFIG, ABOVE_CONFIG, { group: importsOf('load'), message: 'src/config/parse never imports src/config/load: load uses the parse step, not the other way round.' }),
  },
  { files: ['src/constructs/**/*.ts'], rules: layerRule(CONFIG_FROM_CONSTRUCTS) },
  { files: ['src/stacks/**/*.ts'], rules: layerRule(CHECKS_FROM_STACKS) },
  {
    // Tests poke at synthesized JSON, whose shape is only known at run time.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      // Constructs and config parsing get their inputs passed in; only main.ts and src/cli read the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Pass values in; only main.ts and src/cli read process.env.' }],
    },
  },
);
