// Test order: the apply suites first, then jest's own order (failed first, then slowest by its
// timing cache, then largest file). On a fresh clone jest has no timings and would start the small
// apply-bootstrap file (about 90 s, 55 s of it the AWS provider waiting on the bucket's lifecycle
// rules) last, leaving one worker alone at the end; started first, its wait overlaps the rest.
import Sequencer from '@jest/test-sequencer';

const FIRST = ['apply-bootstrap', 'apply-example', 'apply-large', 'apply-adoption', 'registry', 'plan-command'].map((name) => `/__tests__/terraform/${name}.test.ts`);

export default class SlowFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = FIRST.findIndex((suffix) => test.path.endsWith(suffix));
      return i === -1 ? FIRST.length : i;
    };
    const ordered = super.sort(tests);
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}
