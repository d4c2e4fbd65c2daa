import type { PlatformConfig } from '../schema';
import type { Problem } from '../problems';

/** Cross-field checks of the access section that a schema cannot express. */
export function checkAccess(_config: PlatformConfig): Problem[] {
  return [];
}
