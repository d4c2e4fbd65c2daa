// The access report for a small configuration, compared field by field, and `npm run report` itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildApp } from '../../src/app';
import { SynthesizedPlatform, synthesizedStacks } from '../../src/guardrails';
import { accessReport, buildAccessModel, embedReport, labelsFrom, stackSummaries } from '../../src/report';
import { minimalConfig } from '../support/minimal-config';
import { tempOutdir } from '../support/terraform';
import { tempDir } from '../support/temp-dir';

const SMALL = minimalConfig({
  registry: {
    repositories: [{ name: 'app' }, { name: 'base-images', pull: { organizationIds: ['o-abcdefghij'], principals: ['444455556666'] } }],
  },
  pullThroughCache: { rules: [{ upstream: 'quay' }], nodeRoleNames: ['eks-node'] },
  access: {
    github: { repositories: ['acme/app'], ciRoles: [{ name: 'ci-push', branches: ['main'], pushTo: ['app'] }] },
    imageUpdater: { roleName: 'image-updater', clusterName: 'prod' },
  },
});

describe('access report for a small configuration', () => {
  const platform = buildApp(SMALL, { outdir: tempOutdir(), skipValidation: true });
  platform.app.synth();
  const synthesized = new SynthesizedPlatform(synthesizedStacks(platform.app));
  const model = buildAccessModel(synthesized, labelsFrom(SMALL));

  it('lists the CI role with its GitHub subject, the Image Updater, the node role, and the account and organization of the repository policy', () => {
    expect(model.principals).toEqual([
      { id: 'role:ci-push', name: 'ci-push', kind: 'CI role', details: ['GitHub: repo:acme/app:ref:refs/heads/main', 'session: at most 1 h'] },
      { id: 'role:image-updater', name: 'image-updater', kind: 'Image Updater', details: ['EKS Pod Identity: prod/argocd/argocd-image-updater', 'Service: pods.eks.amazonaws.com'] },
      { id: 'role:eks-node', name: 'eks-node', kind: 'Node role', details: ['existing role (not created by these stacks)'] },
      { id: 'account:444455556666', name: '444455556666', kind: 'Account', details: ['another account: its IAM policies must also allow it'] },
      { id: 'org:o-abcdefghij', name: 'o-abcdefghij', kind: 'Organization', details: ['any principal of the organization (aws:PrincipalOrgID)'] },
    ]);
  });

  it('lists the repositories and the cache prefix', () => {
    expect(model.targets).toEqual([
      { kind: 'repository', name: 'app' },
      { kind: 'repository', name: 'base-images' },
      { kind: 'cache prefix', name: 'quay/*', upstream: 'quay.io' },
    ]);
  });

  it('marks who can pull, push and import where', () => {
    expect(model.access).toEqual({
      'role:ci-push': { app: { pull: true, push: true } },
      'role:image-updater': { app: { pull: true, push: false }, 'base-images': { pull: true, push: false } },
      'role:eks-node': { app: { pull: true, push: false }, 'base-images': { pull: true, push: false }, 'quay/*': { pull: true, push: false, import: true } },
      'account:444455556666': { 'base-images': { pull: true, push: false } },
      'org:o-abcdefghij': { 'base-images': { pull: true, push: false } },
    });
  });

  it('describes the stacks with their state keys and deploy order', () => {
    expect(stackSummaries(synthesized).map(({ name, backend, stateKey, dependencies }) => ({ name, backend, stateKey, dependencies }))).toEqual([
      { name: 'bootstrap', backend: 'local', stateKey: expect.stringMatching(/terraform\.\w*\.?tfstate$/), dependencies: [] },
      { name: 'registry', backend: 's3', stateKey: 'global/repos-ecr/terraform.tfstate', dependencies: ['bootstrap'] },
      { name: 'access', backend: 's3', stateKey: 'global/github-oidc/terraform.tfstate', dependencies: ['registry'] },
    ]);
  });

  it('renders the matrix and a mermaid diagram, identically every time', () => {
    const text = accessReport(platform, SMALL, { source: 'a small configuration' });
    expect(accessReport(platform, SMALL, { source: 'a small configuration' })).toBe(text);
    expect(text).toContain('| Repository | `ci-push` | `image-updater` | `eks-node` | `444455556666` | `o-abcdefghij` |');
    expect(text).toContain('| `app` | pull, push | pull | pull |  |  |');
    expect(text).toContain('| `quay/*` (cache of quay.io) |  |  | pull, import |  |  |');
    expect(text).toContain('  stack_bootstrap --> stack_registry\n  stack_registry --> stack_access\n');
    expect(text).toContain('stack_registry["<b>registry</b><br/>global/repos-ecr/terraform.tfstate"]');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('npm run report', () => {
  it('writes the report for the example configuration to the path given', () => {
    const dir = tempDir('report-');
    const output = path.join(dir, 'access.md');
    const env = { ...process.env };
    delete env.PLATFORM_CONFIG;
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/cli/report.ts', output], { cwd: path.resolve(__dirname, '../..'), env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const text = fs.readFileSync(output, 'utf8');
    expect(text).toMatch(/^# Access report\n/);
    expect(text).toContain('| `faro-github-actions` | CI role |');
    // The README embeds exactly this output: regenerate it with `npm run report` after a change.
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(readme).toBe(embedReport(readme, text));
    expect(readme).toContain('## Access report');
  });
});

describe('embedding the report in the README', () => {
  const readme = ['# Title', '', '<!-- access-report:begin (generated by `npm run report`; do not edit) -->', 'old', '<!-- access-report:end -->', '', '## After', ''].join('\n');

  it('replaces only the block, one heading level down', () => {
    expect(embedReport(readme, '# Access report\n\n## Principals\n\ntext\n')).toBe(
      ['# Title', '', '<!-- access-report:begin (generated by `npm run report`; do not edit) -->', '## Access report', '', '### Principals', '', 'text', '<!-- access-report:end -->', '', '## After', ''].join('\n'),
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => embedReport('# no block\n', '# Access report\n')).toThrow('README has no report block');
  });
});

describe('access report: a CI role\'s effective reach', () => {
  it('shows the IDs its trust pins, the unreviewed refs it accepts on purpose, its session and what production runs that it pushes', () => {
    const config = minimalConfig({
      registry: { repositories: [{ name: 'app' }] },
      kubernetes: {
        services: [{ name: 'app', port: 8080, tag: '1.0.0', repository: 'app' }],
        clusters: { prod: { eksClusterName: 'acme-prod' } },
      },
      access: {
        github: {
          repositories: ['acme@123456/app@456789'],
          ciRoles: [
            { name: 'ci', branches: ['main'], tags: ['v*'], pushTo: ['app'], maxSessionDurationSeconds: 7200, allowUntrustedRefs: { reason: 'Release tags are protected by a tag ruleset.' } },
          ],
        },
      },
    });
    const platform = buildApp(config, { outdir: tempOutdir(), skipValidation: true });
    platform.app.synth();
    const model = buildAccessModel(new SynthesizedPlatform(synthesizedStacks(platform.app), { productionEnvironments: ['prod'] }), labelsFrom(config));
    expect(model.principals.find((p) => p.id === 'role:ci')?.details).toEqual([
      'GitHub repository_id: 456789',
      'GitHub: repo:acme/app:ref:refs/heads/main',
      'GitHub: repo:acme/app:ref:refs/tags/v*',
      'GitHub: repo:acme@123456/app@456789:ref:refs/heads/main',
      'GitHub: repo:acme@123456/app@456789:ref:refs/tags/v*',
      'pushes what production runs: app',
      'session: at most 2 h',
      'unreviewed refs: a tag pattern (repo:acme/app:ref:refs/tags/v*)',
      'unreviewed refs: a tag pattern (repo:acme@123456/app@456789:ref:refs/tags/v*)',
    ]);
  });
});
