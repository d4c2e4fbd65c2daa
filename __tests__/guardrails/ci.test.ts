import { untrustedSubject } from '../../src/domain/github/trust-policy';

describe('CI-001 reads which GitHub subjects admit unreviewed refs', () => {
  it.each([
    ['repo:acme/app:pull_request', 'a pull_request subject'],
    ['repo:acme/app:ref:refs/heads/feature/*', 'a branch pattern'],
    ['repo:acme/app:ref:refs/tags/v*', 'a tag pattern'],
    ['repo:acme/app:environment:*', 'an environment pattern'],
    ['repo:acme/app:*', 'a pattern over every ref'],
    ['repo:acme@1/app@2:ref:refs/tags/v?', 'a tag pattern'],
  ])('%s is %s', (sub, why) => expect(untrustedSubject(sub)).toBe(why));

  it.each(['repo:acme/app:ref:refs/heads/main', 'repo:acme/app:ref:refs/tags/v1.0.0', 'repo:acme/app:environment:production', 'repo:acme@1/app@2:ref:refs/heads/main'])(
    '%s is reviewed',
    (sub) => expect(untrustedSubject(sub)).toBeUndefined(),
  );
});
