import { summarizePlan } from '../../src/plan/summary';
import { renderMarkdown, renderText, verdict, type PlanReport } from '../../src/plan/render';
import { parsePlanArgs } from '../../src/cli/plan';
import { offlineOverride } from '../../src/local/offline';

const change = (address: string, actions: string[], extra: Record<string, unknown> = {}) => ({
  address,
  type: address.split('.')[0],
  mode: 'managed',
  change: { actions, ...extra },
});

describe('a stack plan in numbers (terraform show -json)', () => {
  const plan = {
    resource_changes: [
      change('aws_ecr_repository.repo-app_repository_1', ['no-op'], { importing: { id: 'app' } }),
      change('aws_iam_role.ci', ['create']),
      change('aws_iam_policy.push', ['update']),
      change('aws_ecr_lifecycle_policy.repo-app_lifecycle_2', ['delete', 'create']),
      change('aws_ecr_repository.repo-old_repository_3', ['delete']),
      change('aws_kms_key.key', ['create', 'delete']),
      { address: 'data.aws_eks_cluster.c', type: 'aws_eks_cluster', mode: 'data', change: { actions: ['read'] } },
    ],
  };
  const summary = summarizePlan(plan);

  it('counts import, add, change, replace (either order) and destroy apart; data reads are not changes', () => {
    expect(summary).toMatchObject({ import: 1, add: 1, change: 1, replace: 2, destroy: 1 });
    expect(summary.replaced).toEqual(['aws_ecr_lifecycle_policy.repo-app_lifecycle_2', 'aws_kms_key.key']);
    expect(summary.destroyed).toEqual(['aws_ecr_repository.repo-old_repository_3']);
  });

  it('blocks the destroy of a repository and the replacement of a KMS key, not a lifecycle policy replacement', () => {
    expect(summary.blocked.map((b) => [b.action, b.address])).toEqual([
      ['destroy', 'aws_ecr_repository.repo-old_repository_3'],
      ['replace', 'aws_kms_key.key'],
    ]);
  });

  it('blocks the OIDC provider and the state bucket too', () => {
    const blocked = summarizePlan({
      resource_changes: [change('aws_iam_openid_connect_provider.github', ['delete', 'create']), change('aws_s3_bucket.state', ['delete'])],
    }).blocked;
    expect(blocked.map((b) => b.address)).toEqual(['aws_iam_openid_connect_provider.github', 'aws_s3_bucket.state']);
  });

  const report = (allowDestroy: boolean): PlanReport => ({
    mode: 'online',
    allowDestroy,
    outcomes: [
      { stack: 'registry', status: 'planned', summary },
      { stack: 'workloads-dev', status: 'skipped', reason: 'needs the EKS cluster faro-dev, not reachable: Error: reading EKS Cluster' },
    ],
  });

  it('lists replacements and destroys by address, marking the blocked ones, and refuses them', () => {
    const text = renderText(report(false));
    expect(text).toContain('registry: replace aws_ecr_lifecycle_policy.repo-app_lifecycle_2');
    expect(text).toContain('registry: destroy aws_ecr_repository.repo-old_repository_3  BLOCKED: a repository: its images are deleted with it (or the destroy fails while it has any)');
    expect(verdict(report(false))).toEqual([
      'refused: 2 changes would destroy or replace what cannot be brought back (listed above); change the configuration, or run again with --allow-destroy if that is intended',
    ]);
    expect(renderMarkdown(report(false))).toContain('- `registry`: replace `aws_kms_key.key` (**blocked**: a KMS key');
  });

  it('--allow-destroy lets them through; a skipped stack does not fail the plan', () => {
    expect(verdict(report(true))).toEqual([]);
    expect(renderText(report(true))).toContain('registry: replace aws_kms_key.key  ALLOWED: a KMS key: what it encrypted cannot be decrypted once it is deleted');
  });
});

describe('npm run plan arguments', () => {
  it('takes stacks and the three options', () => {
    expect(parsePlanArgs(['registry', '--offline', '--markdown', '--allow-destroy'])).toEqual({ stacks: ['registry'], offline: true, markdown: 'plan-summary.md', allowDestroy: true });
    expect(parsePlanArgs(['--markdown=out/plan.md'])).toMatchObject({ markdown: 'out/plan.md', offline: false });
  });

  it('refuses an unknown option', () => {
    expect(parsePlanArgs(['--destroy'])).toBe('unknown option --destroy; usage: npm run plan -- [<stack>...] [--offline] [--markdown[=<file>]] [--allow-destroy]');
  });
});

describe('the offline override', () => {
  it('lifts allowed_account_ids (an offline plan cannot ask STS for the account), skips every pre-plan call, keeps aliases, drops the role', () => {
    const override = offlineOverride({ provider: { aws: [{ region: 'eu-central-1', allowed_account_ids: ['111122223333'] }, { alias: 'target', assume_role: [{ role_arn: 'arn:aws:iam::444455556666:role/x' }] }] } });
    expect(override).toEqual({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      provider: {
        aws: [
          expect.objectContaining({ allowed_account_ids: null, skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, skip_region_validation: true }),
          expect.objectContaining({ alias: 'target', allowed_account_ids: null, assume_role: [{ role_arn: '' }] }),
        ],
      },
    });
    expect((override.provider as any).aws[0]).not.toHaveProperty('assume_role');
  });
});
