import type { PlatformConfig } from '../schema';
import type { Problem } from '../problems';

/** Cross-field checks of the registry section that a schema cannot express. */
export function checkRegistry(_config: PlatformConfig): Problem[] {
  return [];
}
