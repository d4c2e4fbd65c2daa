import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { checkStacks, formatFinding, synthesizedStack, type Suppression } from '../../src/guardrails';
import { stack } from './support';

const registry = () =>
  stack('registry', (scope) => {
    new EcrRepository(scope, 'legacy', { name: 'legacy', encryptionConfiguration: [{ encryptionType: 'AES256' }], imageScanningConfiguration: { scanOnPush: true } });
    new EcrRepository(scope, 'legacy-2', { name: 'legacy-2', encryptionConfiguration: [{ encryptionType: 'AES256' }], imageScanningConfiguration: { scanOnPush: true } });
  });

const check = (suppressions: Suppression[]) => checkStacks([synthesizedStack(registry())], { suppressions });
const ecr003 = (result: ReturnType<typeof check>) => result.findings.filter((f) => f.ruleId === 'ECR-003').map((f) => f.resource);

describe('suppressions', () => {
  it('without suppressions, both repositories lack a lifecycle policy', () => {
    expect(ecr003(check([]))).toEqual(['registry/legacy', 'registry/legacy-2']);
  });

  it('a suppression with a reason removes exactly the finding it names and records why', () => {
    const result = check([{ rule: 'ECR-003', resource: 'registry/legacy', reason: 'Images are deleted by the vendor tool.' }]);
    expect(ecr003(result)).toEqual(['registry/legacy-2']);
    expect(result.suppressed).toEqual([{ finding: expect.objectContaining({ ruleId: 'ECR-003', resource: 'registry/legacy' }), reason: 'Images are deleted by the vendor tool.' }]);
    expect(result.findings.filter((f) => f.ruleId.startsWith('GUARD'))).toEqual([]);
  });

  it('a * in the resource path matches many resources', () => {
    expect(ecr003(check([{ rule: 'ECR-003', resource: 'registry/legacy*', reason: 'Legacy repositories, cleaned by hand until Q3.' }]))).toEqual([]);
  });

  it('a suppression without a reason is an error and suppresses nothing', () => {
    const result = check([{ rule: 'ECR-003', resource: 'registry/legacy', reason: '  ' }]);
    expect(ecr003(result)).toEqual(['registry/legacy', 'registry/legacy-2']);
    expect(result.findings.filter((f) => f.ruleId === 'GUARD-001')).toEqual([
      {
        ruleId: 'GUARD-001',
        level: 'error',
        stack: 'config',
        resource: 'guardrails.suppressions[0]',
        message: 'suppression of ECR-003 for "registry/legacy" has no reason, so it suppresses nothing.',
        fix: 'Add a reason to the suppression.',
      },
    ]);
  });

  it('a suppression that matches nothing, or names no rule, is a stale-suppression error', () => {
    const result = check([
      { rule: 'ECR-003', resource: 'registry/renamed', reason: 'was fine once' },
      { rule: 'ECR-999', resource: 'registry/legacy', reason: 'typo in the rule' },
    ]);
    const stale = result.findings.filter((f) => f.ruleId === 'GUARD-002');
    expect(stale.map((f) => [f.level, f.resource])).toEqual([
      ['error', 'guardrails.suppressions[0]'],
      ['error', 'guardrails.suppressions[1]'],
    ]);
    expect(stale[0].message).toBe('suppression of ECR-003 for "registry/renamed" matches no finding.');
    expect(stale[1].message).toMatch(/^suppression of ECR-999 for "registry\/legacy" names no rule \(rules: ECR-001, .*K8S-004\)\.$/);
  });
});

describe('finding lines', () => {
  it('say level, rule, stack, resource path, what is wrong and how to fix it, on one line', () => {
    const [finding] = check([]).findings.filter((f) => f.ruleId === 'ECR-003');
    expect(formatFinding(finding)).toBe(
      'ERROR ECR-003 registry registry/legacy: repository "legacy" has no lifecycle policy (aws_ecr_lifecycle_policy). Fix: Give the repository a lifecyclePolicy (a preset such as application or platform, or rules).',
    );
    expect(formatFinding({ ...finding, level: 'warning' })).toMatch(/^WARN ECR-003 /);
  });
});
