import { errorText, readPlanStream, UnknownPlanAction } from '../../src/plan/stream';
import { summarizePlan } from '../../src/plan/summary';

/** A planned_change message as terraform 1.11 streams it (`plan -json`). */
function change(addr: string, action: string, importing?: { id: string }) {
  const type = addr.replace(/^(module\.[^.]+\.)*(data\.)?/, '').split('.')[0];
  return JSON.stringify({
    '@level': 'info',
    '@message': `${addr}: Plan to ${action}`,
    type: 'planned_change',
    change: { resource: { addr, module: '', resource: addr, implied_provider: 'aws', resource_type: type, resource_name: 'x', resource_key: null }, action, ...(importing ? { importing } : {}) },
  });
}

const STREAM = [
  JSON.stringify({ '@level': 'info', '@message': 'Terraform 1.11.4', type: 'version', terraform: '1.11.4', ui: '1.2' }),
  change('aws_ecr_repository.repo-web_repository_AD9252EA', 'update', { id: 'web' }),
  change('aws_ecr_repository.repo-api_repository_0F12AB34', 'import', { id: 'api' }),
  change('aws_ecr_lifecycle_policy.repo-web_lifecycle-policy_5517ED5F', 'replace'),
  change('aws_ecr_repository.repo-old_repository_11AA22BB', 'delete'),
  change('aws_iam_role.ci_role_99', 'create'),
  change('data.aws_eks_cluster.cluster', 'read'),
  'not a message',
  JSON.stringify({ type: 'change_summary', changes: { add: 2, change: 1, import: 2, remove: 2, operation: 'plan' } }),
].join('\n');

describe('terraform plan -json, read as resource changes', () => {
  const { resourceChanges } = readPlanStream(STREAM);

  it('gives each planned change its address, type and show -json style actions, with the import', () => {
    expect(resourceChanges.map((c) => [c.address, c.type, c.mode, c.change.actions.join(','), Boolean(c.change.importing)])).toEqual([
      ['aws_ecr_repository.repo-web_repository_AD9252EA', 'aws_ecr_repository', 'managed', 'update', true],
      ['aws_ecr_repository.repo-api_repository_0F12AB34', 'aws_ecr_repository', 'managed', 'no-op', true],
      ['aws_ecr_lifecycle_policy.repo-web_lifecycle-policy_5517ED5F', 'aws_ecr_lifecycle_policy', 'managed', 'delete,create', false],
      ['aws_ecr_repository.repo-old_repository_11AA22BB', 'aws_ecr_repository', 'managed', 'delete', false],
      ['aws_iam_role.ci_role_99', 'aws_iam_role', 'managed', 'create', false],
      ['data.aws_eks_cluster.cluster', 'aws_eks_cluster', 'data', 'read', false],
    ]);
  });

  it('summarizes as Terraform counts (imports apart; a replacement is neither an add nor a destroy) and blocks the repository destroy', () => {
    const summary = summarizePlan({ resource_changes: resourceChanges });
    expect({ import: summary.import, add: summary.add, change: summary.change, replace: summary.replace, destroy: summary.destroy }).toEqual({ import: 2, add: 1, change: 1, replace: 1, destroy: 1 });
    expect(summary.blocked.map((b) => [b.action, b.address])).toEqual([['destroy', 'aws_ecr_repository.repo-old_repository_11AA22BB']]);
  });

  it('refuses an action it does not know rather than summarize without it', () => {
    expect(() => readPlanStream(change('aws_ecr_repository.r', 'obliterate'))).toThrow(UnknownPlanAction);
    expect(() => readPlanStream(change('aws_ecr_repository.r', 'obliterate'))).toThrow('unknown planned_change action "obliterate" for aws_ecr_repository.r');
  });

  it('prints the errors as Terraform does, with the address', () => {
    const diagnostic = (severity: string, summary: string, address?: string) =>
      JSON.stringify({ type: 'diagnostic', diagnostic: { severity, summary, detail: `${summary} in detail`, ...(address ? { address } : {}) } });
    const { diagnostics } = readPlanStream([diagnostic('warning', 'Deprecated'), diagnostic('error', 'reading EKS Cluster (faro-dev)', 'data.aws_eks_cluster.cluster')].join('\n'));
    expect(diagnostics).toHaveLength(2);
    expect(errorText(diagnostics)).toBe('Error: reading EKS Cluster (faro-dev)\nwith data.aws_eks_cluster.cluster\nreading EKS Cluster (faro-dev) in detail');
  });
});
