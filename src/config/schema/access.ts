import { z } from 'zod';
import { iamRoleName, principal } from './common';

// The one list of GitHub repositories lives in `access.github.repositories`. The org/repo form
// (and the refusal of wildcards) is checked in checks/access.ts, with the same rules the CI role construct applies.
export const githubRepository = z
  .string()
  .describe(
    'A GitHub repository as org/repo, e.g. faro-ai/rag-services (no wildcards), or with its immutable IDs as GitHub\'s sub claim writes them: ' +
      'org@<owner id>/repo@<repository id> (gh api repos/OWNER/REPO --jq .id,.owner.id). With IDs, roles trust both subject forms and pin repository_id (repository_owner_id with allowWholeOrganization).',
  );

export const repositoryReferences = z
  .array(z.string().min(1))
  .describe('ECR repositories by configuration key or final name, or a prefix pattern ending in /* (faro-rag/*).');

export const ciRole = z
  .object({
    name: iamRoleName.describe('IAM role name; also the key of the role\'s outputs.'),
    repositories: z
      .array(githubRepository)
      .optional()
      .describe('GitHub repositories (each one of access.github.repositories) that may assume the role. Default: all of them'),
    branches: z
      .array(z.string().min(1))
      .optional()
      .describe('Branches whose workflows may assume the role, without refs/heads/: exact names (main) or patterns with * and ? (release/*).'),
    tags: z.array(z.string().min(1)).optional().describe('Git tags whose workflows may assume the role, without refs/tags/: exact or patterns, e.g. "v*".'),
    environments: z
      .array(z.string().min(1))
      .optional()
      .describe('GitHub deployment environments whose jobs may assume the role (a job with an environment gets the environment subject, not the branch one).'),
    pullRequests: z.boolean().optional().describe('Let workflows triggered by pull requests assume the role. Default: false'),
    allowWholeOrganization: z
      .boolean()
      .optional()
      .describe('Opt in to trusting every repository of the organizations of `repositories` (repo:ORG/*:...). Never all of GitHub. Default: false'),
    allowUntrustedRefs: z
      .object({
        reason: z.string().describe('Why workflows from untrusted refs may push images production runs, as a sentence (at least 20 visible characters, 3 words).'),
      })
      .strict()
      .optional()
      .describe(
        'A deliberate exception: let pull_request subjects and branch, tag or environment patterns assume a role that can push to a repository production runs. ' +
          'Without it they are refused for such a role. Default: none',
      ),
    pushTo: repositoryReferences.min(1).describe('ECR repositories (names or prefix patterns ending in /*) this role may push to.'),
    maxSessionDurationSeconds: z
      .number()
      .int()
      .min(3600)
      .max(43200)
      .optional()
      .describe('Maximum session length of the role, in seconds (3600-43200). Default: 3600'),
  })
  .strict()
  .describe('An IAM role that GitHub Actions workflows assume through OIDC to push images. At least one of branches, tags, environments or pullRequests is required.');

export const imageUpdater = z
  .object({
    roleName: iamRoleName.describe('IAM role name for the ArgoCD Image Updater.'),
    mechanism: z
      .enum(['pod-identity', 'irsa'])
      .default('pod-identity')
      .describe('How the pod gets the role: EKS Pod Identity (the stack creates the association) or IRSA. Default: pod-identity'),
    clusterName: z.string().min(1).describe('The EKS cluster ArgoCD runs in.'),
    namespace: z.string().default('argocd').describe('Kubernetes namespace of the Image Updater\'s service account. Default: argocd'),
    serviceAccount: z.string().default('argocd-image-updater').describe('The Image Updater\'s Kubernetes service account. Default: argocd-image-updater'),
    oidcIssuer: z.string().optional().describe('IRSA only, required there: the cluster\'s OIDC issuer URL without https:// (oidc.eks.<region>.amazonaws.com/id/XXXX).'),
    repositories: repositoryReferences
      .optional()
      .describe('ECR repositories it may pull and read (names or prefix patterns ending in /*). Default: all configured repositories'),
  })
  .strict()
  .describe('An IAM role for the ArgoCD Image Updater: pull-only and read access to the registry.');

export const pullPrincipal = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][\w+=,.@-]{0,63}$/, { message: 'must be 1-64 of letters, digits and +=,.@_- (it names IAM policies)' })
      .describe('A short name for the grant; names its policies (<project>-<name>-ecr-pull-only) and construct IDs.'),
    principal: principal.describe('An IAM role or user ARN in this account.'),
    repositories: repositoryReferences
      .optional()
      .describe('ECR repositories it may pull and read (names or prefix patterns ending in /*). Default: all configured repositories'),
  })
  .strict()
  .describe('A role or user of this account that gets the pull-only and read policies attached.');

export const deployRole = z
  .object({
    name: iamRoleName.describe('IAM role name of the deploy role.'),
    repository: githubRepository.describe('The infrastructure repository (org/repo, one of access.github.repositories) whose workflow deploys the platform.'),
    environment: z
      .string()
      .regex(/^[^\s'"`,;:\\*?]{1,255}$/, { message: 'must be a GitHub environment name (1-255 characters, no spaces, quotes, commas, ;, :, \\, * or ?)' })
      .describe('The protected GitHub environment the deploy job runs in (deployment branches: main only; required reviewers). Its jobs get the subject repo:<repository>:environment:<environment>.'),
  })
  .strict()
  .describe('A role the platform\'s own workflow deploys every stack with (examples/github-actions/platform.yml): trusted only from `environment` of `repository`, sessions of one hour.');

export const access = z
  .object({
    github: z
      .object({
        existingOidcProviderArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
            message: 'must be the ARN arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
          })
          .optional()
          .describe(
            'Reference the account\'s existing provider for token.actions.githubusercontent.com (one per URL is allowed) instead of creating one.',
          ),
        adoptOidcProvider: z
          .boolean()
          .optional()
          .describe('Take over the account\'s existing provider with a Terraform import block, so this stack manages it. Default: false'),
        repositories: z
          .array(githubRepository)
          .default([])
          .describe('The one list of GitHub repositories (org/repo) that CI roles and other consumers draw from.'),
        ciRoles: z.array(ciRole).default([]).describe('IAM roles for GitHub Actions, one per entry.'),
      })
      .strict()
      .default({ repositories: [], ciRoles: [] })
      .describe('GitHub Actions: the OIDC provider, the GitHub repositories and the CI roles that push.'),
    imageUpdater: imageUpdater.optional().describe('The ArgoCD Image Updater\'s role. Default: none'),
    deployRole: deployRole.optional().describe('The role the platform\'s own workflow deploys with. Default: none'),
    pullPrincipals: z
      .array(pullPrincipal)
      .default([])
      .describe(
        'Roles and users of this account that get the pull-only and read policies attached. ' +
          '(Other accounts pull through repository policies: registry.repositories[].pull.principals.)',
      ),
  })
  .strict()
  .describe('Who may push and pull: GitHub Actions CI roles, the ArgoCD Image Updater and other readers (stack `access`).');

export type AccessConfig = z.infer<typeof access>;
export type CiRoleConfig = z.infer<typeof ciRole>;
export type ImageUpdaterConfig = z.infer<typeof imageUpdater>;
export type DeployRoleConfig = z.infer<typeof deployRole>;
export type PullPrincipalConfig = z.infer<typeof pullPrincipal>;
