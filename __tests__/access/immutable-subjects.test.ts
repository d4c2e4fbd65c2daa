// GitHub's immutable subject claims (#13 §3): repositories with their owner and repository IDs,
// both subject forms trusted during the transition, the IDs pinned by claim, one repository per name in any case.
import { Testing, TerraformStack } from 'cdktf';
import { GithubActionsRole, type GithubActionsRoleProps } from '../../src/constructs/access/ci-role';
import type { Problem } from '../../src/domain/problem';
import { buildApp } from '../../src/app';
import { problemsFrom } from '../support/config';
import { minimalConfig, type ConfigOverrides } from '../support/minimal-config';
import { testApp } from '../support/temp-dir';

const PROVIDER = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const GH = 'token.actions.githubusercontent.com';
const AUD = { [`${GH}:aud`]: 'sts.amazonaws.com' };
/** The form GitHub documents: repo:<owner>@<owner_id>/<repo>@<repo_id>:ref:... */
const WITH_IDS = 'faro-ai@123456/rag-services@456789';

function trustOf(props: Partial<GithubActionsRoleProps>): any[] {
  const stack = new TerraformStack(testApp(), 'test');
  new GithubActionsRole(stack, 'ci', { roleName: 'ci', oidcProviderArn: PROVIDER, repositories: [WITH_IDS], branches: ['main'], ...props });
  const role = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_iam_role)[0] as any;
  return JSON.parse(role.assume_role_policy).Statement;
}

function problemsOf(github: Record<string, unknown>): Problem[] {
  return problemsFrom(() => minimalConfig({ access: { github: { ciRoles: [{ name: 'ci', branches: ['main'], pushTo: ['app'] }], ...github } } } as ConfigOverrides));
}

describe('immutable subject claims', () => {
  it('accepts a repository with its IDs, which used to be refused as "must start with a GitHub organization"', () => {
    expect(problemsOf({ repositories: [WITH_IDS, 'faro-ai/platform-infrastructure'] })).toEqual([]);
  });

  it('trusts both subject forms and pins repository_id with StringEquals: a re-registered name matches neither', () => {
    expect(trustOf({ tags: ['v1.0.0', 'release-*'] })).toEqual([
      {
        Sid: 'GithubActionsExactSubjectsById',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            ...AUD,
            [`${GH}:sub`]: [
              'repo:faro-ai/rag-services:ref:refs/heads/main',
              'repo:faro-ai/rag-services:ref:refs/tags/v1.0.0',
              'repo:faro-ai@123456/rag-services@456789:ref:refs/heads/main',
              'repo:faro-ai@123456/rag-services@456789:ref:refs/tags/v1.0.0',
            ],
            [`${GH}:repository_id`]: '456789',
          },
        },
      },
      {
        Sid: 'GithubActionsSubjectPatternsById',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { ...AUD, [`${GH}:repository_id`]: '456789' },
          StringLike: { [`${GH}:sub`]: ['repo:faro-ai/rag-services:ref:refs/tags/release-*', 'repo:faro-ai@123456/rag-services@456789:ref:refs/tags/release-*'] },
        },
      },
    ]);
  });

  it('keeps a repository without IDs in a statement of its own, so its name-only trust never loosens the pinned one', () => {
    const statements = trustOf({ repositories: [WITH_IDS, 'faro-ai/platform-infrastructure'] });
    expect(statements.map((s) => [s.Sid, s.Condition.StringEquals[`${GH}:sub`], s.Condition.StringEquals[`${GH}:repository_id`]])).toEqual([
      ['GithubActionsExactSubjects', 'repo:faro-ai/platform-infrastructure:ref:refs/heads/main', undefined],
      ['GithubActionsExactSubjectsById', ['repo:faro-ai/rag-services:ref:refs/heads/main', 'repo:faro-ai@123456/rag-services@456789:ref:refs/heads/main'], '456789'],
    ]);
  });

  it('trusting the whole organization pins the owner ID, for every repository of that owner', () => {
    const statements = trustOf({ repositories: [WITH_IDS, 'faro-ai/platform-infrastructure'], allowWholeOrganization: true });
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition).toEqual({
      StringEquals: { ...AUD, [`${GH}:repository_owner_id`]: '123456' },
      StringLike: { [`${GH}:sub`]: ['repo:faro-ai/*:ref:refs/heads/main', 'repo:faro-ai@123456/*:ref:refs/heads/main'] },
    });
  });

  it('a CI role naming the repository by name (in any case) trusts the listed entry with its IDs', () => {
    const config = minimalConfig({
      access: { github: { repositories: [WITH_IDS], ciRoles: [{ name: 'ci', repositories: ['Faro-AI/rag-services'], branches: ['main'], pushTo: ['app'] }] } },
    } as ConfigOverrides);
    const role = Object.values(JSON.parse(Testing.synth(buildApp(config).access)).resource.aws_iam_role)[0] as any;
    const [statement] = JSON.parse(role.assume_role_policy).Statement;
    expect(statement.Condition.StringEquals[`${GH}:repository_id`]).toBe('456789');
    expect(role.description).toBe('GitHub Actions OIDC role for faro-ai/rag-services');
  });

  it('refuses two repositories that differ only in case (or in IDs), one ID without the other, and two IDs for one owner', () => {
    expect(
      problemsOf({ repositories: ['faro-ai/rag-services', 'Faro-AI/Rag-Services', WITH_IDS, 'faro-ai@123456/x', 'faro-ai@999/y@1', 'faro-ai@12a/z@3'] }),
    ).toEqual([
      {
        path: 'access.github.repositories[3]',
        message: 'must give both immutable IDs, as GitHub\'s sub claim writes them (org@<owner id>/repo@<repository id>), or neither, got "faro-ai@123456/x"',
      },
      { path: 'access.github.repositories[5]', message: 'must have decimal IDs after @ (gh api repos/faro-ai/z --jq .id,.owner.id prints the repository ID, then the owner ID), got "faro-ai@12a/z@3"' },
      {
        path: 'access.github.repositories[1]',
        message:
          'must be listed once: "Faro-AI/Rag-Services" is the repository "faro-ai/rag-services" of access.github.repositories[0] (GitHub names are case-insensitive; IDs do not make another repository), got it again',
      },
      {
        path: 'access.github.repositories[2]',
        message:
          'must be listed once: "faro-ai@123456/rag-services@456789" is the repository "faro-ai/rag-services" of access.github.repositories[0] (GitHub names are case-insensitive; IDs do not make another repository), got it again',
      },
      { path: 'access.github.repositories[4]', message: 'must give owner faro-ai the owner ID of access.github.repositories[2] (123456: one owner has one ID), got "faro-ai@999/y@1"' },
    ]);
  });
});
