import { z } from 'zod';
import { iamRoleName, principal } from './common';

/** A GitHub repository in org/repo form. The one list of them lives in `access.github.repositories`. */
export const githubRepository = z.string();

export const ciRole = z
  .object({
    /** IAM role name. */
    name: iamRoleName,
    /** GitHub repositories (from access.github.repositories) that may assume the role. @default all of them */
    repositories: z.array(githubRepository).optional(),
    /** Branches (exact or pattern) whose workflows may assume the role. */
    branches: z.array(z.string().min(1)).optional(),
    /** Tag patterns, e.g. "v*". */
    tags: z.array(z.string().min(1)).optional(),
    /** GitHub deployment environments. */
    environments: z.array(z.string().min(1)).optional(),
    /** Workflows triggered by pull requests. @default false */
    pullRequests: z.boolean().optional(),
    /** Opt in to trusting every repository of the organizations above (repo:ORG/*). Never all of GitHub. @default false */
    allowWholeOrganization: z.boolean().optional(),
    /** ECR repositories (names or prefix patterns ending in /*) this role may push to. */
    pushTo: z.array(z.string().min(1)).min(1),
    /** @default 3600 */
    maxSessionDurationSeconds: z.number().int().min(3600).max(43200).optional(),
  })
  .strict();

export const imageUpdater = z
  .object({
    /** IAM role name for the ArgoCD Image Updater. */
    roleName: iamRoleName,
    /** How the pod gets the role. */
    mechanism: z.enum(['pod-identity', 'irsa']),
    clusterName: z.string().min(1),
    namespace: z.string().default('argocd'),
    serviceAccount: z.string().default('argocd-image-updater'),
    /** IRSA only: the cluster's OIDC issuer URL without https:// (oidc.eks.<region>.amazonaws.com/id/XXXX). */
    oidcIssuer: z.string().optional(),
    /** ECR repositories it may read. @default all */
    repositories: z.array(z.string()).optional(),
  })
  .strict();

export const access = z
  .object({
    github: z
      .object({
        /** An existing provider for token.actions.githubusercontent.com (one per account is allowed). */
        existingOidcProviderArn: z.string().optional(),
        /** The one list of GitHub repositories (org/repo) that CI roles and other consumers draw from. */
        repositories: z.array(githubRepository).default([]),
        ciRoles: z.array(ciRole).default([]),
      })
      .strict()
      .default({ repositories: [], ciRoles: [] }),
    imageUpdater: imageUpdater.optional(),
    /** Other principals that get the pull-only (and describe/list) policy. */
    pullPrincipals: z
      .array(z.object({ name: z.string().min(1), principal, repositories: z.array(z.string()).optional() }).strict())
      .default([]),
  })
  .strict();

export type AccessConfig = z.infer<typeof access>;
export type CiRoleConfig = z.infer<typeof ciRole>;
