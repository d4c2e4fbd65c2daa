/** Layout 1: global/repos-ecr/terraform.tfvars (repository_names, github_repos, bucket). */
import { z } from 'zod';
import type { PlatformConfigInput } from '../../../schema';
import { tfString, tfStringList } from '../types';
import type { TfvarsLayout } from './layout';
import { accountAndRegion, adoptComment, adoptOidcProvider, platformOptions, platformSections, projectAndOwner } from './shared';

const reposEcrVariables = z.object({
  ...accountAndRegion,
  ...projectAndOwner,
  ...platformOptions,
  /** The state bucket of the old setup; it becomes the platform's state bucket. */
  bucket: tfString,
  repository_names: tfStringList,
  github_repos: tfStringList.optional(),
});

export const reposEcr: TfvarsLayout = {
  id: 'repos-ecr',
  name: 'global/repos-ecr',
  title: 'global/repos-ecr (repository_names, github_repos, bucket)',
  signature: ['repository_names', 'github_repos', 'bucket'],
  variables: reposEcrVariables,
  translate(raw, notes) {
    const values = raw as z.output<typeof reposEcrVariables>;
    const adopt = values.adopt ?? true;
    const githubRepos = values.github_repos ?? [];
    const base = platformSections(values, { variable: 'bucket', bucket: values.bucket }, { variable: 'environments', environments: ['global'] }, notes);
    notes.explain(
      ['state', 'bucket'],
      "The old setup's bucket. The registry stack keeps its state under the key global/repos-ecr/terraform.tfstate,\n" +
        "the old setup's key: move the old state file away before the first plan (README: Migrating an existing setup).",
    );

    const repositories = values.repository_names.map((name, index) => {
      notes.from(`repository_names[${index}]`, ['registry', 'repositories', index]);
      return adopt ? { name, adopt: true } : { name };
    });
    if (repositories.length && adopt) adoptComment(notes);
    if (repositories.length) notes.explain(['registry'], "The repositories take the platform's defaults: scan on push, AES256, lifecycle preset application.");

    const config: PlatformConfigInput = { ...base, registry: { repositories } };
    // The old setup's CI roles trusted GitHub through the account's OIDC provider: take it over.
    const provider = adoptOidcProvider(notes, values.adopt_oidc_provider ?? (adopt && githubRepos.length > 0));
    if (githubRepos.length || provider.adoptOidcProvider) {
      githubRepos.forEach((_, index) => notes.from(`github_repos[${index}]`, ['access', 'github', 'repositories', index]));
      notes.from('github_repos', ['access', 'github', 'ciRoles']);
      const withRole = githubRepos.length > 0 && repositories.length > 0;
      config.access = {
        github: {
          ...provider,
          repositories: githubRepos,
          ciRoles: withRole ? [{ name: `${values.project}-github-actions-ecr-push`, branches: ['main'], pushTo: values.repository_names }] : [],
        },
      };
      if (withRole) notes.explain(['access'], 'github_repos push to every repository through one CI role, assumed with OIDC by workflows on main.');
    }
    return config;
  },
};
