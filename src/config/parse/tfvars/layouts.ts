/**
 * The three terraform.tfvars layouts of existing hand-written setups, and how each
 * becomes a platform configuration. Each layout declares its variables as Terraform
 * would (types, required or optional) plus the few platform variables a tfvars file
 * of that layout lacks (account_id, ...), which the user adds to the file or passes
 * with `-var`.
 */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { PlatformConfigInput } from '../../schema';
import type { LifecyclePolicyConfig, LifecyclePresetName, LifecycleRuleConfig } from '../../schema/lifecycle';
import { renderLifecyclePolicy } from '../../../domain/ecr/lifecycle-rules';
import { tfBool, tfCount, tfObject, tfString, tfStringList, type VariableHint } from './types';
import { TranslationNotes, type ConfigPath } from './translation';

type RegistryInput = NonNullable<PlatformConfigInput['registry']>;
type RepositoryInput = NonNullable<RegistryInput['repositories']>[number];

export type LayoutId = 'repos-ecr' | 'ecr-repository-objects' | 'module-inputs';

export interface TfvarsLayout {
  readonly id: LayoutId;
  /** A short name for messages: `global/repos-ecr`. */
  readonly name: string;
  /** The name with the variables that identify the layout, as the README lists it. */
  readonly title: string;
  /** Variables only this layout has: their presence identifies it. */
  readonly signature: readonly string[];
  /** Every variable the layout knows, with its Terraform type. */
  readonly variables: z.ZodObject;
  translate(values: Record<string, unknown>, notes: TranslationNotes): PlatformConfigInput;
}

/** What a missing variable or attribute is for, and the line that adds it. */
export const VARIABLE_HINTS: Record<string, VariableHint> = {
  account_id: { what: 'the 12-digit AWS account that owns the registry', example: 'account_id = "123456789012"' },
  region: { what: 'the AWS region of the registry', example: 'region = "eu-central-1"' },
  project: { what: 'a short project name for tags and names, lower-case', example: 'project = "my-project"' },
  owner: { what: 'the team that owns the platform, for the Owner tag', example: 'owner = "platform-team"' },
  state_bucket: { what: "the S3 bucket for the platform's Terraform state", example: 'state_bucket = "my-project-terraform-state"' },
  bucket: { what: 'the S3 bucket that holds the Terraform state', example: 'bucket = "my-terraform-state"' },
  repository_names: { what: 'the ECR repositories to manage', example: 'repository_names = ["my-web-app"]' },
  name: { what: 'the repository name, the {name} in {project}-{name}-{environment}', example: 'name = "ecr"' },
  environment: { what: 'the environment, the {environment} in {project}-{name}-{environment}', example: 'environment = "mgmt"' },
  'repository.name': { what: 'the repository name', example: 'name = "infrastructure"' },
  'repository.tag_mutability': { what: '"MUTABLE" or "IMMUTABLE"', example: 'tag_mutability = "IMMUTABLE"' },
  'repository.lifecycle_tag_count': { what: 'how many release-tagged images to keep', example: 'lifecycle_tag_count = 20' },
  'repository.lifecycle_untagged_days': { what: 'after how many days untagged images expire', example: 'lifecycle_untagged_days = 7' },
};

export function hintFor(path: readonly PropertyKey[]): VariableHint | undefined {
  return path.length === 1 ? VARIABLE_HINTS[String(path[0])] : VARIABLE_HINTS[`repository.${String(path[path.length - 1])}`];
}

// --- platform values a tfvars file of these layouts does not carry

const accountAndRegion = { account_id: tfString, region: tfString };
const projectAndOwner = { project: tfString, owner: tfString };
const platformOptions = {
  /** Environment names. @default the layout's own environment, or ["global"] */
  environments: tfStringList.optional(),
  /** Import the existing repositories instead of creating them. @default true */
  adopt: tfBool.optional(),
  /**
   * Import the account's GitHub OIDC provider into the access stack (an account has one per URL,
   * and the access stack makes one). @default adopt, for a setup whose github_repos used it; false otherwise
   */
  adopt_oidc_provider: tfBool.optional(),
};

interface PlatformValues {
  account_id: string;
  region: string;
  project: string;
  owner: string;
  environments?: string[];
}

/** The sections every layout fills the same way: project, owner, aws, state, environments. */
function platformSections(
  values: PlatformValues,
  state: { variable: string; bucket: string },
  /** `environments` when the file has none, from `variable`; `always` is added to the list in any case. */
  defaults: { variable: string; environments: readonly string[]; always?: string },
  notes: TranslationNotes,
): Pick<PlatformConfigInput, 'project' | 'owner' | 'aws' | 'state' | 'environments'> {
  notes.from('project', ['project']);
  notes.from('owner', ['owner']);
  notes.from('account_id', ['aws', 'accountId']);
  notes.from('region', ['aws', 'region']);
  notes.from(state.variable, ['state', 'bucket']);
  notes.from(values.environments ? 'environments' : defaults.variable, ['environments']);
  values.environments?.forEach((environment, index) => notes.from(`environments[${index}]`, ['environments', environment]));
  const environments = [...new Set([...(defaults.always ? [defaults.always] : []), ...(values.environments ?? defaults.environments)])];
  if (!values.environments) {
    notes.explain(
      ['environments'],
      defaults.environments.includes('global')
        ? 'The tfvars file names no environments, so "global" stands in: name yours (dev, prod, ...) before you add workloads.'
        : "The module's environment. Add the others (dev, prod, ...) before you add workloads.",
    );
  }
  return {
    project: values.project,
    owner: values.owner,
    aws: { accountId: values.account_id, region: values.region },
    state: { bucket: state.bucket },
    environments: Object.fromEntries(environments.map((environment) => [environment, {}])),
  };
}

function adoptComment(notes: TranslationNotes): void {
  notes.explain(
    ['registry', 'repositories'],
    'adopt: true: the repository exists already, so the first plan imports it (and its lifecycle policy)\n' +
      'instead of creating it. A repository you add later is new: leave adopt out.',
  );
}

/** `access.github.adoptOidcProvider`, with the comment that says why. */
function adoptOidcProvider(notes: TranslationNotes, adopt: boolean): { adoptOidcProvider?: true } {
  notes.from('adopt_oidc_provider', ['access', 'github', 'adoptOidcProvider']);
  if (!adopt) return {};
  notes.explain(
    ['access', 'github', 'adoptOidcProvider'],
    'The account has a GitHub OIDC provider already (one per account): import it. If another setup keeps managing it,\n' +
      'replace this line with existingOidcProviderArn: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
  );
  return { adoptOidcProvider: true };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Repeated entries in a list variable are mistakes: report each with its index. */
export function duplicates(values: readonly string[] = []): { index: number; value: string }[] {
  return values.flatMap((value, index) => (values.indexOf(value) !== index ? [{ index, value }] : []));
}

// --- layout 1: global/repos-ecr/terraform.tfvars

const reposEcrVariables = z.object({
  ...accountAndRegion,
  ...projectAndOwner,
  ...platformOptions,
  /** The state bucket of the old setup; it becomes the platform's state bucket. */
  bucket: tfString,
  repository_names: tfStringList,
  github_repos: tfStringList.optional(),
});

const reposEcr: TfvarsLayout = {
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

// --- layout 2: ecr_infrastructure_repository / ecr_deployments_repository objects

/** Tag prefixes layout 2's lifecycle_tag_count applies to. */
export const RELEASE_TAG_PREFIXES = ['v', 'prod', 'staging', 'dev'];

const repositoryObject = tfObject(
  {
    name: tfString,
    tag_mutability: z.enum(['MUTABLE', 'IMMUTABLE'], { error: 'must be "MUTABLE" or "IMMUTABLE"' }),
    lifecycle_tag_count: tfCount(1),
    lifecycle_untagged_days: tfCount(1),
  },
  '{ name = "infrastructure", tag_mutability = "IMMUTABLE", lifecycle_tag_count = 20, lifecycle_untagged_days = 7 }',
);

const repositoryObjectsVariables = z.object({
  ...accountAndRegion,
  ...projectAndOwner,
  ...platformOptions,
  state_bucket: tfString,
  /** false: the old setup made no repositories. @default true */
  create_ecr_repositories: tfBool.optional(),
  ecr_infrastructure_repository: repositoryObject.optional(),
  ecr_deployments_repository: repositoryObject.optional(),
  ecr_scan_on_push: tfBool.optional(),
  /** true: KMS encryption; false: AES256. */
  ecr_enable_encryption: tfBool.optional(),
});

/** Layout 2's two numbers as a lifecycle policy: a preset when they match one exactly, explicit rules otherwise. */
export function lifecyclePolicyFor(keepTagged: number, untaggedDays: number): LifecyclePolicyConfig {
  const rules: LifecycleRuleConfig[] = [
    { tagStatus: 'untagged', expireAfterDays: untaggedDays, description: `Expire untagged images after ${plural(untaggedDays, 'day')}` },
    { tagStatus: 'tagged', tagPrefixes: [...RELEASE_TAG_PREFIXES], keepLast: keepTagged, description: `Keep the last ${keepTagged} release images` },
  ];
  const withoutDescriptions = (policy: LifecyclePolicyConfig) =>
    (JSON.parse(renderLifecyclePolicy(policy)) as { rules: { description?: string }[] }).rules.map(({ description: _, ...rule }) => rule);
  const wanted = withoutDescriptions({ rules });
  const presets: LifecyclePresetName[] = ['platform', 'application'];
  const preset = presets.find((name) => isDeepStrictEqual(withoutDescriptions({ preset: name }), wanted));
  return preset ? { preset } : { rules };
}

const repositoryObjects: TfvarsLayout = {
  id: 'ecr-repository-objects',
  name: 'ECR repository objects',
  title: 'ECR repository objects (create_ecr_repositories, ecr_infrastructure_repository, ecr_deployments_repository, ...)',
  signature: ['create_ecr_repositories', 'ecr_infrastructure_repository', 'ecr_deployments_repository', 'ecr_scan_on_push', 'ecr_enable_encryption'],
  variables: repositoryObjectsVariables,
  translate(raw, notes) {
    const values = raw as z.output<typeof repositoryObjectsVariables>;
    const adopt = values.adopt ?? true;
    const base = platformSections(values, { variable: 'state_bucket', bucket: values.state_bucket }, { variable: 'environments', environments: ['global'] }, notes);

    const defaults: NonNullable<RegistryInput['defaults']> = {};
    if (values.ecr_scan_on_push !== undefined) {
      defaults.scanOnPush = values.ecr_scan_on_push;
      notes.from('ecr_scan_on_push', ['registry', 'defaults', 'scanOnPush']);
    }
    if (values.ecr_enable_encryption !== undefined) {
      defaults.encryption = { type: values.ecr_enable_encryption ? 'KMS' : 'AES256' };
      notes.from('ecr_enable_encryption', ['registry', 'defaults', 'encryption']);
      if (values.ecr_enable_encryption) {
        notes.explain(
          ['registry', 'defaults', 'encryption'],
          'ecr_enable_encryption = true. Without kmsKeyArn the registry stack creates a key, and a repository encrypted\n' +
            'with another key would have to be replaced: set kmsKeyArn to the key the repositories use, from\n' +
            "aws ecr describe-repositories --query 'repositories[].[repositoryName,encryptionConfiguration]'",
        );
      }
    }

    const repositories: RepositoryInput[] = [];
    if (values.create_ecr_repositories ?? true) {
      for (const variable of ['ecr_infrastructure_repository', 'ecr_deployments_repository'] as const) {
        const repository = values[variable];
        if (!repository) continue;
        const path: ConfigPath = ['registry', 'repositories', repositories.length];
        const lifecyclePolicy = lifecyclePolicyFor(repository.lifecycle_tag_count, repository.lifecycle_untagged_days);
        notes.from(`${variable}.name`, path, [...path, 'name']);
        notes.from(`${variable}.tag_mutability`, [...path, 'tagMutability']);
        notes.from(`${variable}.lifecycle_tag_count and lifecycle_untagged_days`, [...path, 'lifecyclePolicy']);
        notes.explain(
          [...path, 'lifecyclePolicy'],
          `Keep the last ${plural(repository.lifecycle_tag_count, 'image')} tagged ${RELEASE_TAG_PREFIXES.map((p) => `${p}*`).join(', ')}; ` +
            `untagged images expire after ${plural(repository.lifecycle_untagged_days, 'day')}.`,
        );
        repositories.push({
          name: repository.name,
          tagMutability: repository.tag_mutability,
          lifecyclePolicy,
          ...(adopt ? { adopt: true } : {}),
        });
      }
    } else {
      notes.from('create_ecr_repositories', ['registry', 'repositories']);
      notes.explain(['registry', 'repositories'], 'create_ecr_repositories = false: the old setup made no repositories.');
    }
    if (repositories.length && adopt) adoptComment(notes);

    const provider = adoptOidcProvider(notes, values.adopt_oidc_provider ?? false);
    return {
      ...base,
      registry: { ...(Object.keys(defaults).length ? { defaults } : {}), repositories },
      ...(provider.adoptOidcProvider ? { access: { github: provider } } : {}),
    };
  },
};

// --- layout 3: module inputs name, project, environment, owner

const moduleInputsVariables = z.object({
  ...accountAndRegion,
  ...platformOptions,
  state_bucket: tfString,
  name: tfString,
  project: tfString,
  environment: tfString,
  owner: tfString,
});

const moduleInputs: TfvarsLayout = {
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

export const LAYOUTS: readonly TfvarsLayout[] = [reposEcr, repositoryObjects, moduleInputs];
