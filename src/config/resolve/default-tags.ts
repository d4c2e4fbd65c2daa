/**
 * The tags every AWS resource of a stack gets through the provider's `default_tags`, with the
 * configuration path each one comes from (so a tag problem names the line to fix).
 */
import type { PlatformConfig } from '../schema';
import { writtenTags, type WrittenTag } from '../../domain/aws/tags';

/** In merge order: the built-in tags, `tags`, then the environment's own `tags` (a later key wins). */
export function defaultTagList(config: PlatformConfig, environment?: string): WrittenTag[] {
  return [
    { key: 'ManagedBy', value: 'cdktf', path: 'the built-in default tags' },
    { key: 'Project', value: config.project, path: 'project' },
    { key: 'Environment', value: environment ?? 'global', path: environment ? `environments.${environment}` : 'the built-in default tags' },
    { key: 'Owner', value: config.owner, path: 'owner' },
    ...writtenTags(config.tags, 'tags'),
    ...(environment ? writtenTags(config.environments[environment]?.tags, `environments.${environment}.tags`) : []),
  ];
}

/** The default tags of a stack (environment: a workloads stack's; else the global stacks'). */
export function defaultTags(config: PlatformConfig, environment?: string): Record<string, string> {
  return Object.fromEntries(defaultTagList(config, environment).map((tag) => [tag.key, tag.value]));
}
