// A CI role that can push images production runs is assumed from reviewed refs only (#13 §2).
import { Testing } from 'cdktf';
import type { Problem } from '../../src/domain/problem';
import { buildApp } from '../../src/app';
import { problemsFrom } from '../support/config';
import { minimalConfig, withRepositories, type ConfigOverrides } from '../support/minimal-config';

/** "api" runs in prod (environments: [prod]); "app" does not. */
const repositories = withRepositories({ name: 'api', environments: ['prod'] }).registry;

function problemsOf(role: Record<string, unknown>): Problem[] {
  return problemsFrom(() =>
    minimalConfig({ registry: repositories, access: { github: { repositories: ['acme/app'], ciRoles: [{ name: 'ci', pushTo: ['api'], ...role }] } } } as ConfigOverrides),
  );
}

const REACH = 'CI role "ci" can push to a repository production runs (api)';
const EXCEPTION = 'set allowUntrustedRefs with a reason to accept it on purpose';

describe('CI roles that push what production runs', () => {
  it('refuses the attack: pull_request subjects, branch, tag and environment patterns on a role that pushes to a production repository', () => {
    expect(problemsOf({ branches: ['main', 'feature/*'], tags: ['v*'], environments: ['*'], pullRequests: true })).toEqual([
      { path: 'access.github.ciRoles[0].pullRequests', message: `must not be true: ${REACH}, and a pull_request workflow runs the pull request's code (${EXCEPTION}), got true` },
      {
        path: 'access.github.ciRoles[0].branches[1]',
        message: `must name one branch exactly, without * or ?: ${REACH}, and anyone with write access can push a branch that matches it (${EXCEPTION}), got "feature/*"`,
      },
      {
        path: 'access.github.ciRoles[0].tags[0]',
        message: `must name one tag exactly, without * or ?: ${REACH}, and anyone with write access can push a tag that matches it (${EXCEPTION}), got "v*"`,
      },
      {
        path: 'access.github.ciRoles[0].environments[0]',
        message: `must name one environment exactly, without * or ?: ${REACH}, and GitHub creates a missing environment the first time a workflow names it, so a pattern admits any branch (${EXCEPTION}), got "*"`,
      },
    ]);
  });

  it('any pushTo entry that reaches a production repository counts; a role pushing elsewhere may trust patterns', () => {
    expect(problemsOf({ branches: ['release-?'], pushTo: ['api', 'app'] }).map((p) => p.path)).toEqual(['access.github.ciRoles[0].branches[0]']);
    expect(problemsOf({ branches: ['*'], tags: ['v*'], pullRequests: true, pushTo: ['app'] })).toEqual([]);
  });

  it('accepts exact refs, and an explicit per-role exception with a reason', () => {
    expect(problemsOf({ branches: ['main'], tags: ['v1.0.0'], environments: ['production'] })).toEqual([]);
    expect(problemsOf({ tags: ['v*'], allowUntrustedRefs: { reason: 'Release tags are protected by a tag ruleset (PLAT-42).' } })).toEqual([]);
  });

  it('refuses an exception without a real reason, and one that accepts nothing', () => {
    expect(problemsOf({ tags: ['v*'], allowUntrustedRefs: { reason: '\u200b\u200b ...' } })).toEqual([
      {
        path: 'access.github.ciRoles[0].allowUntrustedRefs.reason',
        message:
          'must be a sentence saying why the finding is acceptable: at least 20 visible characters and 3 words (whitespace, zero-width characters and punctuation alone say nothing), got 3 visible characters and 0 words',
      },
    ]);
    expect(problemsOf({ branches: ['main'], allowUntrustedRefs: { reason: 'Release tags are protected by a tag ruleset.' } })).toEqual([
      {
        path: 'access.github.ciRoles[0].allowUntrustedRefs',
        message: 'must be omitted: CI role "ci" trusts no pull_request subject or ref pattern, so there is nothing to accept, got an exception',
      },
    ]);
  });

  it('push roles get a one-hour session unless the configuration sets one', () => {
    const config = minimalConfig({
      registry: repositories,
      access: { github: { repositories: ['acme/app'], ciRoles: [{ name: 'ci', branches: ['main'], pushTo: ['api'] }, { name: 'ci-long', branches: ['main'], pushTo: ['app'], maxSessionDurationSeconds: 7200 }] } },
    } as ConfigOverrides);
    const roles = JSON.parse(Testing.synth(buildApp(config).access)).resource.aws_iam_role;
    const byName = Object.fromEntries(Object.values(roles as Record<string, { name: string; max_session_duration: number }>).map((r) => [r.name, r.max_session_duration]));
    expect(byName).toEqual({ ci: 3600, 'ci-long': 7200 });
  });
});
