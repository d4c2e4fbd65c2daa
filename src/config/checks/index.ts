import type { PlatformConfig } from '../schema';
import type { Problem } from '../../domain/problem';
import { checkRegistry } from './registry';
import { checkPullThroughCache } from './pull-through-cache';
import { checkAccess } from './access';
import { checkKubernetes } from './kubernetes';
import { checkAws } from './aws';
import { checkTags } from './tags';
import { checkIam } from './iam';

/** Checks that span fields or sections, run after the schema has accepted the shape. */
export function checkConfig(config: PlatformConfig): Problem[] {
  return [...checkAws(config), ...checkTags(config), ...checkRegistry(config), ...checkPullThroughCache(config), ...checkAccess(config), ...checkIam(config), ...checkKubernetes(config)];
}
