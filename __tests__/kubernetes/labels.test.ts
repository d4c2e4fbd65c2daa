import { LABEL_VALUE, podLabels, selectorLabels, toLabelValue, versionLabel } from '../../src/domain/kubernetes/labels';
import { DIGEST } from './helpers';

describe('labels', () => {
  const identity = { name: 'rag-query', partOf: 'rag-platform' };

  it('pod labels contain the selector labels, and the selector leaves out the version', () => {
    const pod = podLabels({ ...identity, version: '1.0.0' });
    expect(pod).toEqual({
      'app.kubernetes.io/name': 'rag-query',
      'app.kubernetes.io/part-of': 'rag-platform',
      'app.kubernetes.io/version': '1.0.0',
      'app.kubernetes.io/managed-by': 'cdktf',
    });
    expect(pod).toMatchObject(selectorLabels(identity));
    expect(Object.keys(selectorLabels(identity))).not.toContain('app.kubernetes.io/version');
  });

  it.each([
    ['1.0.0', '1.0.0'],
    ['v2.3.1-rc.1', 'v2.3.1-rc.1'],
    ['_build_7', 'build_7'],
    ['release+meta', 'release-meta'],
    ['-x-', 'x'],
    ['a'.repeat(100), 'a'.repeat(63)],
    [`${'a'.repeat(62)}.b`, 'a'.repeat(62)],
  ])('turns %j into the valid label value %j', (input, expected) => {
    expect(toLabelValue(input)).toBe(expected);
    expect(LABEL_VALUE.test(toLabelValue(input))).toBe(true);
  });

  it('labels a digest-only image with the digest algorithm and its first 12 hex digits', () => {
    expect(versionLabel({ digest: DIGEST })).toBe('sha256-ab12ab12ab12');
    expect(versionLabel({ tag: '1.2.3', digest: DIGEST })).toBe('1.2.3');
  });
});
