import type { PlatformConfig } from '../schema';
import type { Problem } from '../problems';

/** Cross-field checks of the pull-through-cache section that a schema cannot express. */
export function checkPullThroughCache(_config: PlatformConfig): Problem[] {
  return [];
}
