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

  it('a suppression names one resource: "*" or a pattern suppresses nothing and is a GUARD-003 error', () => {
    for (const resource of ['*', 'registry/legacy*', 'registry/legacy-?']) {
      const result = check([{ rule: 'ECR-003', resource, reason: 'Legacy repositories, cleaned by hand until Q3.' }]);
      expect(ecr003(result)).toEqual(['registry/legacy', 'registry/legacy-2']);
      expect(result.findings.filter((f) => f.ruleId.startsWith('GUARD'))).toEqual([
        {
          ruleId: 'GUARD-003',
          level: 'error',
          stack: 'config',
          resource: 'guardrails.suppressions[0]',
          message: `suppression of ECR-003 for ${JSON.stringify(resource)} suppresses nothing: its resource must name one resource exactly as the finding line prints it, without * or ? (a pattern also accepts findings on resources added later; write one suppression per resource).`,
          fix: 'Name the resource exactly as the finding line prints it; write one suppression per resource.',
        },
      ]);
    }
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
        message:
          'suppression of ECR-003 for "registry/legacy" suppresses nothing: its reason must be a sentence saying why the finding is acceptable: at least 20 visible characters and 3 words (whitespace, zero-width characters and punctuation alone say nothing), got 0 visible characters and 0 words.',
        fix: 'Write the reason as a sentence of at least 20 visible characters and 3 words.',
      },
    ]);
  });

  it('a reason of zero-width characters, whitespace or punctuation is no reason', () => {
    for (const reason of ['\u200b'.repeat(40), '\u2060\u200c \u00a0\u3000\u200e'.repeat(10), '-'.repeat(30), '... ??? !!! --- ### *** ...']) {
      const result = check([{ rule: 'ECR-003', resource: 'registry/legacy', reason }]);
      expect(result.findings.map((f) => f.ruleId)).toContain('GUARD-001');
      expect(ecr003(result)).toEqual(['registry/legacy', 'registry/legacy-2']);
    }
  });

  it('a suppression that matches nothing, or names no rule, is a stale-suppression error', () => {
    const result = check([
      { rule: 'ECR-003', resource: 'registry/renamed', reason: 'It was fine once, before the rename.' },
      { rule: 'ECR-999', resource: 'registry/legacy', reason: 'A typo in the rule ID, on purpose.' },
    ]);
    const stale = result.findings.filter((f) => f.ruleId === 'GUARD-002');
    expect(stale.map((f) => [f.level, f.resource])).toEqual([
      ['error', 'guardrails.suppressions[0]'],
      ['error', 'guardrails.suppressions[1]'],
    ]);
    expect(stale[0].message).toBe('suppression of ECR-003 for "registry/renamed" matches no finding.');
    expect(stale[1].message).toMatch(/^suppression of ECR-999 for "registry\/legacy" names no rule \(rules: ECR-001, .*, K8S-\d{3}, .*SEC-\d{3}\)\.$/);
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
