// Two projects: fast unit tests on synthesized JSON, and the suite that runs
// real `terraform init/validate/plan` offline. Types are checked once by
// `npm run typecheck`, so tests are transpiled by swc without type checking.
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
  // @kubernetes/client-node's generated API models (the field lists of the schema tests) are
  // ES modules, and its main entry does not load on Node 20: those files alone become CommonJS.
  '/@kubernetes/client-node/dist/gen/models/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};
const transformIgnorePatterns = ['/node_modules/(?!@kubernetes/client-node/dist/gen/models/)'];

// The terraform suites start the AWS provider some 150 times; most of each start-up is the Go
// runtime collecting garbage while the provider builds its schemas. Without collection until a
// process holds 1 GiB, terraform's CPU time drops by about a quarter (the terraform project:
// 295 to 221 CPU-seconds, measured). Set in jest's own process, so workers, terraform and the
// providers inherit it; a value already in the environment wins.
process.env.GOGC ??= 'off';
process.env.GOMEMLIMIT ??= '1GiB';

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker per CPU minus one: a single worker on a 2-core machine, which
  // leaves a core idle while terraform runs. One more worker than cores: the apply suites spend
  // much of their time waiting (apply-bootstrap some 55 s on the provider's read-back of the
  // bucket's lifecycle rules), and the extra worker keeps the cores busy meanwhile (npm test on
  // 2 cores, measured: 141 s with 3 workers, 170 s with 2). JEST_MAX_WORKERS overrides it.
  maxWorkers: Number(process.env.JEST_MAX_WORKERS) || require('node:os').availableParallelism() + 1,
  testSequencer: '<rootDir>/__tests__/support/sequencer.mjs',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/terraform/'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
      // Jest's 5 s default is a timing assertion in disguise: the first tfvars test loads the HCL
      // WebAssembly module, which takes longer than that while terraform runs on the other core.
      testTimeout: 30000,
    },
    {
      displayName: 'terraform',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/terraform/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
      testTimeout: 180000,
    },
  ],
};
