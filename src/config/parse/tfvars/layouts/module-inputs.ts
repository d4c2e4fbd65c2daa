/** Layout 3: a module's inputs name, project, environment, owner: one repository named {project}-{name}-{environment}. */
import { z } from 'zod';
import { tfString } from '../types';
import type { ConfigPath } from '../translation';
import type { TfvarsLayout } from './layout';
import { accountAndRegion, adoptComment, adoptOidcProvider, platformOptions, platformSections } from './shared';

const moduleInputsVariables = z.object({
  ...accountAndRegion,
  ...platformOptions,
  state_bucket: tfString,
  name: tfString,
  project: tfString,
  environment: tfString,
  owner: tfString,
});

export const moduleInputs: TfvarsLayout = {
  id: 'module-inputs',
  name: 'module inputs',
  title: 'module inputs (name, project, environment, owner)',
  signature: ['name', 'environment'],
  variables: moduleInputsVariables,
  translate(raw, notes) {
    const values = raw as z.output<typeof moduleInputsVariables>;
    const adopt = values.adopt ?? true;
    const base = platformSections(values, { variable: 'state_bucket', bucket: values.state_bucket }, { variable: 'environment', environments: [values.environment], always: values.environment }, notes);
    const repositoryPath: ConfigPath = ['registry', 'repositories', 0];
    notes.from('name', repositoryPath, [...repositoryPath, 'name']);
    notes.from('environment', [...repositoryPath, 'environment']);
    notes.from('project, environment and owner', [...repositoryPath, 'tags']);
    notes.explain(
      ['registry', 'namingScheme'],
      `One repository named {project}-{name}-{environment}: ${values.project}-${values.name}-${values.environment}.`,
    );
    if (adopt) adoptComment(notes);
    const provider = adoptOidcProvider(notes, values.adopt_oidc_provider ?? false);
    return {
      ...base,
      registry: {
        namingScheme: '{project}-{name}-{environment}',
        repositories: [
          {
            name: values.name,
            environment: values.environment,
            tags: { Project: values.project, Environment: values.environment, Owner: values.owner },
            ...(adopt ? { adopt: true } : {}),
          },
        ],
      },
      ...(provider.adoptOidcProvider ? { access: { github: provider } } : {}),
    };
  },
};
