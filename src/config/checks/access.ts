import type { PlatformConfig } from '../schema';
import type { CiRoleConfig } from '../schema/access';
import { show, under, type Problem } from '../../domain/problem';
import { parseIamPrincipalArn } from '../../domain/aws/arn';
import { checkGithubRepository, checkGithubSubjectSpec, duplicateRepositoryProblems, githubRepositoryKey, hasWildcard } from '../../domain/github/subjects';
import { checkPodRoleBinding } from '../../domain/eks/pod-role-binding';
import { resolveRepositoryTargets } from '../resolve/repository-targets';
import { resolveRepositories } from '../model';
import { suppressionReasonProblem } from '../../domain/suppression-rules';
import { ciRoleSubjectSpec, deployRoleSubjectSpec } from '../resolve/access';

/** Cross-field checks of the access section: GitHub subjects, repository references, who gets which role. */
export function checkAccess(config: PlatformConfig): Problem[] {
  const { github, imageUpdater, pullPrincipals } = config.access;
  const problems: Problem[] = [];

  // --- the one list of GitHub repositories
  github.repositories.forEach((repository, i) => problems.push(...checkGithubRepository(repository, `access.github.repositories[${i}]`)));
  problems.push(...duplicateRepositoryProblems(github.repositories, 'access.github.repositories'));

  // --- the OIDC provider: create, reference or adopt
  if (github.existingOidcProviderArn) {
    const account = github.existingOidcProviderArn.split(':')[4];
    if (account !== config.aws.accountId) {
      problems.push({
        path: 'access.github.existingOidcProviderArn',
        message: `must be a provider in account ${config.aws.accountId} (aws.accountId; roles trust a provider of their own account), got ${show(github.existingOidcProviderArn)}`,
      });
    }
    if (github.adoptOidcProvider) {
      problems.push({
        path: 'access.github.adoptOidcProvider',
        message: 'must not be true together with existingOidcProviderArn (reference the provider or adopt it into this stack, not both), got true',
      });
    }
  }

  // --- CI roles
  const roleNames = new Map<string, string>();
  const claimRoleName = (name: string, path: string) => {
    const first = roleNames.get(name);
    if (first) problems.push({ path, message: `must be unique among the access section's role names (${first} has it), got ${show(name)}` });
    else roleNames.set(name, path);
  };
  github.ciRoles.forEach((role, i) => {
    const path = `access.github.ciRoles[${i}]`;
    claimRoleName(role.name, `${path}.name`);
    const spec = ciRoleSubjectSpec(config, role);
    const specProblems = checkGithubSubjectSpec(spec, github.repositories);
    if (!role.repositories && github.repositories.length === 0) {
      // The spec's "repositories: none" would point at a key the user did not write.
      problems.push({ path: 'access.github.repositories', message: `must list at least one GitHub repository (org/repo) for CI role ${show(role.name)}, got []` });
      problems.push(...under(path, specProblems.filter((p) => p.path !== 'repositories')));
    } else {
      problems.push(...under(path, specProblems));
    }
    if (role.repositories) problems.push(...duplicateRepositoryProblems(role.repositories, `${path}.repositories`));
    problems.push(...under(`${path}.pushTo`, resolveRepositoryTargets(config, role.pushTo).problems));
    problems.push(...under(path, untrustedRefProblems(role, productionReach(config, role))));
  });

  // --- the platform's own deploy role
  const deployRole = config.access.deployRole;
  if (deployRole) {
    const path = 'access.deployRole';
    claimRoleName(deployRole.name, `${path}.name`);
    if (!github.repositories.some((entry) => githubRepositoryKey(entry) === githubRepositoryKey(deployRole.repository))) {
      problems.push({
        path: `${path}.repository`,
        message: `must be one of access.github.repositories (${github.repositories.map((r) => show(r)).join(', ') || 'none'}), got ${show(deployRole.repository)}`,
      });
    } else {
      problems.push(...under(path, checkGithubSubjectSpec(deployRoleSubjectSpec(config, deployRole), github.repositories)));
    }
  }

  // --- consumers that pull and read
  if (imageUpdater) {
    const path = 'access.imageUpdater';
    claimRoleName(imageUpdater.roleName, `${path}.roleName`);
    problems.push(...under(path, checkPodRoleBinding(imageUpdater)));
    problems.push(...under(`${path}.repositories`, resolveRepositoryTargets(config, imageUpdater.repositories).problems));
  }
  const grantNames = new Set<string>();
  pullPrincipals.forEach((grant, i) => {
    const path = `access.pullPrincipals[${i}]`;
    if (grantNames.has(grant.name)) problems.push({ path: `${path}.name`, message: `must be unique among access.pullPrincipals, got ${show(grant.name)} again` });
    grantNames.add(grant.name);
    if (parseIamPrincipalArn(grant.principal)?.accountId !== config.aws.accountId) {
      problems.push({
        path: `${path}.principal`,
        message:
          `must be an IAM role or user ARN in account ${config.aws.accountId} (policies can only be attached there; ` +
          `grant other accounts pull through registry.repositories[].pull.principals), got ${show(grant.principal)}`,
      });
    }
    problems.push(...under(`${path}.repositories`, resolveRepositoryTargets(config, grant.repositories).problems));
  });
  return problems;
}

/** The repositories production runs that a CI role can push to (its pushTo as IAM reads it), by final name. */
export function productionReach(config: PlatformConfig, role: Pick<CiRoleConfig, 'pushTo'>): string[] {
  const targets = resolveRepositoryTargets(config, role.pushTo);
  if (targets.problems.length) return [];
  const covers = (arn: string, repositoryArn: string) => arn === repositoryArn || (arn.endsWith('/*') && repositoryArn.startsWith(arn.slice(0, -1)));
  return resolveRepositories(config)
    .filter((repo) => repo.usedByProduction && targets.arns.some((arn) => covers(arn, repo.arn)))
    .map((repo) => repo.name);
}

/**
 * A role that can push images production runs may only be assumed from refs that someone
 * reviewed: exact branches, tags and environments. Anyone with write access can push a branch
 * or tag that matches a pattern; a pull_request workflow runs the code of the pull request;
 * and GitHub creates a missing environment (without protection rules) the first time a
 * workflow names it, so an environment pattern admits any branch.
 * (GitHub docs, "OpenID Connect" > "Example subject claims"; "Managing environments for deployment".)
 */
export function untrustedRefProblems(role: CiRoleConfig, production: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const untrusted: Problem[] = [];
  const reach = `CI role ${show(role.name)} can push to ${production.length === 1 ? 'a repository' : 'repositories'} production runs (${production.join(', ')})`;
  const exception = 'set allowUntrustedRefs with a reason to accept it on purpose';
  if (role.pullRequests) {
    untrusted.push({ path: 'pullRequests', message: `must not be true: ${reach}, and a pull_request workflow runs the pull request's code (${exception}), got true` });
  }
  for (const [kind, what, why] of [
    ['branches', 'branch', 'anyone with write access can push a branch that matches it'],
    ['tags', 'tag', 'anyone with write access can push a tag that matches it'],
    ['environments', 'environment', 'GitHub creates a missing environment the first time a workflow names it, so a pattern admits any branch'],
  ] as const) {
    (role[kind] ?? []).forEach((value, i) => {
      if (!hasWildcard(value)) return;
      untrusted.push({ path: `${kind}[${i}]`, message: `must name one ${what} exactly, without * or ?: ${reach}, and ${why} (${exception}), got ${show(value)}` });
    });
  }
  if (role.allowUntrustedRefs) {
    const reasonProblem = suppressionReasonProblem(role.allowUntrustedRefs.reason);
    if (reasonProblem) problems.push({ path: 'allowUntrustedRefs.reason', message: reasonProblem });
    if (!production.length || !untrusted.length) {
      problems.push({
        path: 'allowUntrustedRefs',
        message: `must be omitted: CI role ${show(role.name)} ${production.length ? 'trusts no pull_request subject or ref pattern' : 'pushes to no repository production runs'}, so there is nothing to accept, got an exception`,
      });
    }
    return problems;
  }
  return production.length ? untrusted : [];
}
