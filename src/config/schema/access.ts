import { z } from 'zod';
import { iamRoleName, principal } from './common';

/**
 * A GitHub repository in org/repo form. The one list of them lives in `access.github.repositories`.
 * The form (and the refusal of wildcards) is checked in checks/access.ts, with the same rules the CI role construct applies.
 */
export const githubRepository = z.string();

/** ECR repositories by configuration key or final name, or a prefix pattern ending in /* (faro-rag/*). */
export const repositoryReferences = z.array(z.string().min(1));

export const ciRole = z
  .object({
    /** IAM role name; also the key of the role's outputs. */
    name: iamRoleName,
    /** GitHub repositories (each one of access.github.repositories) that may assume the role. @default all of them */
    repositories: z.array(githubRepository).optional(),
    /** Branches (exact or pattern) whose workflows may assume the role. */
    branches: z.array(z.string().min(1)).optional(),
    /** Tag patterns, e.g. "v*". */
    tags: z.array(z.string().min(1)).optional(),
    /** GitHub deployment environments. */
    environments: z.array(z.string().min(1)).optional(),
    /** Workflows triggered by pull requests. @default false */
    pullRequests: z.boolean().optional(),
    /** Opt in to trusting every repository of the organizations of `repositories` (repo:ORG/*:...). Never all of GitHub. @default false */
    allowWholeOrganization: z.boolean().optional(),
    /** ECR repositories (names or prefix patterns ending in /*) this role may push to. */
    pushTo: repositoryReferences.min(1),
    /** @default 3600 */
    maxSessionDurationSeconds: z.number().int().min(3600).max(43200).optional(),
  })
  .strict();

export const imageUpdater = z
  .object({
    /** IAM role name for the ArgoCD Image Updater. */
    roleName: iamRoleName,
    /** How the pod gets the role: EKS Pod Identity (the stack creates the association) or IRSA. @default pod-identity */
    mechanism: z.enum(['pod-identity', 'irsa']).default('pod-identity'),
    /** The EKS cluster ArgoCD runs in. */
    clusterName: z.string().min(1),
    /** @default argocd */
    namespace: z.string().default('argocd'),
    /** @default argocd-image-updater */
    serviceAccount: z.string().default('argocd-image-updater'),
    /** IRSA only: the cluster's OIDC issuer URL without https:// (oidc.eks.<region>.amazonaws.com/id/XXXX). */
    oidcIssuer: z.string().optional(),
    /** ECR repositories it may pull and read (names or prefix patterns ending in /*). @default all configured repositories */
    repositories: repositoryReferences.optional(),
  })
  .strict();

export const pullPrincipal = z
  .object({
    /** A short name for the grant; names its policies (<project>-<name>-ecr-pull-only) and construct IDs. */
    name: z.string().regex(/^[A-Za-z0-9][\w+=,.@-]{0,63}$/, { message: 'must be 1-64 of letters, digits and +=,.@_- (it names IAM policies)' }),
    /** An IAM role or user ARN in this account. */
    principal,
    /** ECR repositories it may pull and read (names or prefix patterns ending in /*). @default all configured repositories */
    repositories: repositoryReferences.optional(),
  })
  .strict();

export const access = z
  .object({
    github: z
      .object({
        /** Reference the account's existing provider for token.actions.githubusercontent.com (one per URL is allowed) instead of creating one. */
        existingOidcProviderArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
            message: 'must be the ARN arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
          })
          .optional(),
        /** Take over the account's existing provider with a Terraform import block, so this stack manages it. @default false */
        adoptOidcProvider: z.boolean().optional(),
        /** The one list of GitHub repositories (org/repo) that CI roles and other consumers draw from. */
        repositories: z.array(githubRepository).default([]),
        ciRoles: z.array(ciRole).default([]),
      })
      .strict()
      .default({ repositories: [], ciRoles: [] }),
    imageUpdater: imageUpdater.optional(),
    /**
     * Roles and users of this account that get the pull-only and read policies attached.
     * (Other accounts pull through repository policies: registry.repositories[].pull.principals.)
     */
    pullPrincipals: z.array(pullPrincipal).default([]),
  })
  .strict();

export type AccessConfig = z.infer<typeof access>;
export type CiRoleConfig = z.infer<typeof ciRole>;
export type ImageUpdaterConfig = z.infer<typeof imageUpdater>;
export type PullPrincipalConfig = z.infer<typeof pullPrincipal>;
