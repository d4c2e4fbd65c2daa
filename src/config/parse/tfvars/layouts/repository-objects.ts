/** Layout 2: ecr_infrastructure_repository / ecr_deployments_repository objects (create_ecr_repositories, ...). */
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { PlatformConfigInput } from '../../../schema';
import type { LifecyclePolicyConfig, LifecyclePresetName } from '../../../schema/lifecycle';
import { keepReleasesPreset, lifecycleRulesOf, RELEASE_TAG_PREFIXES } from '../../../../domain/ecr/lifecycle-rules';
import { tfBool, tfCount, tfObject, tfString } from '../types';
import type { ConfigPath } from '../translation';
import type { TfvarsLayout } from './layout';
import { accountAndRegion, adoptComment, adoptOidcProvider, platformOptions, platformSections, plural, projectAndOwner } from './shared';

type RegistryInput = NonNullable<PlatformConfigInput['registry']>;
type RepositoryInput = NonNullable<RegistryInput['repositories']>[number];

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
  /**
   * The KMS key the existing repositories are encrypted with: required to adopt them when
   * ecr_enable_encryption = true. A repository's encryption cannot change after it is created
   * (CreateRepository's encryptionConfiguration; the provider forces a new resource), so with
   * another key the plan would replace each repository, images and all.
   */
  kms_key_arn: tfString.optional(),
}).superRefine((values, context) => {
  const adopts = (values.adopt ?? true) && (values.create_ecr_repositories ?? true) && Boolean(values.ecr_infrastructure_repository || values.ecr_deployments_repository);
  if (values.ecr_enable_encryption === true && adopts && values.kms_key_arn === undefined) {
    // No input: reported as a missing variable, with its hint (hints.ts), as account_id is.
    context.addIssue({ code: 'custom', path: ['kms_key_arn'], message: 'is required', input: undefined });
  }
  if (values.kms_key_arn !== undefined && values.ecr_enable_encryption !== true) {
    context.addIssue({
      code: 'custom',
      path: ['kms_key_arn'],
      message: 'must be left out unless ecr_enable_encryption = true',
      input: values.kms_key_arn,
    });
  }
});

/**
 * Layout 2's two numbers as a lifecycle policy: the domain's keep-releases rules (the tag prefixes
 * lifecycle_tag_count applies to are its RELEASE_TAG_PREFIXES), as a preset when they are one exactly.
 */
export function lifecyclePolicyFor(keepTagged: number, untaggedDays: number): LifecyclePolicyConfig {
  // Copies of the prefix lists: the YAML rendering would write a list two repositories share as an anchor and an alias.
  const rules = keepReleasesPreset(keepTagged, untaggedDays).map((rule) => (rule.tagPrefixes ? { ...rule, tagPrefixes: [...rule.tagPrefixes] } : { ...rule }));
  const presets: LifecyclePresetName[] = ['platform', 'application'];
  const preset = presets.find((name) => isDeepStrictEqual(lifecycleRulesOf({ preset: name }), rules));
  return preset ? { preset } : { rules };
}

export const repositoryObjects: TfvarsLayout = {
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
      defaults.encryption = { type: values.ecr_enable_encryption ? 'KMS' : 'AES256', ...(values.kms_key_arn ? { kmsKeyArn: values.kms_key_arn } : {}) };
      notes.from('ecr_enable_encryption', ['registry', 'defaults', 'encryption']);
      if (values.kms_key_arn) {
        notes.from('kms_key_arn', ['registry', 'defaults', 'encryption', 'kmsKeyArn']);
        notes.explain(
          ['registry', 'defaults', 'encryption'],
          'ecr_enable_encryption = true, with the key the existing repositories use (kms_key_arn): a repository\n' +
            'encrypted with another key would have to be replaced. New repositories use it too.',
        );
      } else if (values.ecr_enable_encryption) {
        notes.explain(
          ['registry', 'defaults', 'encryption'],
          'ecr_enable_encryption = true. Without kmsKeyArn the registry stack creates a key for the repositories it creates.',
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
          `Keep the newest ${plural(repository.lifecycle_tag_count, 'image')} of each of ${RELEASE_TAG_PREFIXES.map((p) => `${p}*`).join(', ')} (one rule per prefix); ` +
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
