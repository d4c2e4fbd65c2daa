/**
 * The managed ECR policies of the access section and who gets them: one place for their
 * construct IDs, names and repositories, so the access stack builds exactly what the checks
 * measured (sizes, policies per role, names).
 */
import type { PlatformConfig } from '../schema';
import type { EcrAccess } from '../../domain/ecr/iam-actions';
import { under, type Problem } from '../../domain/problem';
import { resolveRepositories, type ResolvedRepository } from '../model';
import { resolveRepositoryTargets } from './repository-targets';

/** Logical IDs derive from names (role, grant), never list positions, so reordering the configuration replaces nothing. */
export function accessConstructId(kind: string, name: string): string {
  return `${kind}-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** One managed policy (split into as many as it takes) on a set of repositories. */
export interface EcrGrant {
  /** Construct ID of the EcrAccessPolicy. */
  readonly id: string;
  /** Name of the first policy; more get -2, -3, ... */
  readonly policyName: string;
  readonly access: EcrAccess;
  /** Where the repositories are written (`access.github.ciRoles[0].pushTo`, or `registry.repositories` for every one). */
  readonly path: string;
  /** The field its policy name derives from (`access.github.ciRoles[0].name`, `project`, ...). */
  readonly namePath: string;
  readonly arns: readonly string[];
  readonly compactArns: readonly string[];
  /** References that did not resolve, with paths under `path` (checks/access.ts reports them; the stack refuses to build on them). */
  readonly problems: readonly Problem[];
}

/** Something that gets grants attached: a role this stack creates, or an existing role or user. */
export interface GrantHolder {
  readonly kind: 'role' | 'user';
  readonly name: string;
  /** The configuration field that names it. */
  readonly path: string;
  readonly grants: readonly EcrGrant[];
}

export interface AccessGrants {
  /** The pull-only and read pair on every configured repository (absent when there are none). */
  readonly shared?: readonly [EcrGrant, EcrGrant];
  /** CI role name -> its push grant. */
  readonly push: Readonly<Record<string, EcrGrant>>;
  readonly imageUpdater?: GrantHolder;
  /** One per access.pullPrincipals entry, by grant name. */
  readonly pullPrincipals: Readonly<Record<string, GrantHolder>>;
}

/** The role or user name in an IAM ARN (`arn:aws:iam::<account>:role/path/name` -> role, name). */
export function principalName(arn: string): { kind: 'role' | 'user'; name: string } | undefined {
  const [, kind, name] = /^arn:[^:]+:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn) ?? [];
  return kind ? { kind: kind as 'role' | 'user', name } : undefined;
}

/**
 * The grants of a configuration. Repository references that do not resolve are left out
 * (checks/access.ts reports them).
 */
export function resolveAccessGrants(config: PlatformConfig, repositories: readonly ResolvedRepository[] = resolveRepositories(config)): AccessGrants {
  const { github, imageUpdater, pullPrincipals } = config.access;
  const grant = (id: string, policyName: string, namePath: string, access: EcrAccess, path: string, entries: readonly string[] | undefined): EcrGrant => {
    const targets = resolveRepositoryTargets(config, entries, repositories);
    return { id, policyName, namePath, access, path, arns: targets.arns, compactArns: targets.compactArns, problems: under(path, targets.problems) };
  };
  const shared = config.registry.repositories.length
    ? ([
        grant('ecr-pull-only', `${config.project}-ecr-pull-only`, 'project', 'pull', 'registry.repositories', undefined),
        grant('ecr-read', `${config.project}-ecr-read`, 'project', 'read', 'registry.repositories', undefined),
      ] as const)
    : undefined;
  /** The shared pair for consumers of every repository; a narrower scope gets its own pair. */
  const consumerGrants = (idBase: string, policyBase: string, namePath: string, path: string, entries: readonly string[] | undefined): EcrGrant[] =>
    entries === undefined && shared
      ? [...shared]
      : [
          grant(accessConstructId(`${idBase}-pull-only`, policyBase), `${policyBase}-ecr-pull-only`, namePath, 'pull', path, entries),
          grant(accessConstructId(`${idBase}-read`, policyBase), `${policyBase}-ecr-read`, namePath, 'read', path, entries),
        ];

  const push: Record<string, EcrGrant> = {};
  github.ciRoles.forEach((role, i) => {
    push[role.name] = grant(accessConstructId('ci-push', role.name), `${role.name}-ecr-push`, `access.github.ciRoles[${i}].name`, 'push', `access.github.ciRoles[${i}].pushTo`, role.pushTo);
  });
  const holders: Record<string, GrantHolder> = {};
  pullPrincipals.forEach((entry, i) => {
    const path = `access.pullPrincipals[${i}]`;
    const principal = principalName(entry.principal);
    if (!principal) return;
    holders[entry.name] = { ...principal, path: `${path}.principal`, grants: consumerGrants('pull', `${config.project}-${entry.name}`, `${path}.name`, `${path}.repositories`, entry.repositories) };
  });
  return {
    shared,
    push,
    imageUpdater: imageUpdater && {
      kind: 'role',
      name: imageUpdater.roleName,
      path: 'access.imageUpdater.roleName',
      grants: consumerGrants('image-updater', imageUpdater.roleName, 'access.imageUpdater.roleName', 'access.imageUpdater.repositories', imageUpdater.repositories),
    },
    pullPrincipals: holders,
  };
}
