// Lint: typescript-eslint's recommended rules, plus the project's one hard rule:
// provider classes are imported by deep path only (`@cdktf/provider-aws/lib/<resource>`).
// The barrel costs ~2.5 s and 0.5 GB per process, and deep paths keep a later swap
// of the provider packages (e.g. to CDK Terrain) a one-line search and replace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
