import type { PlatformConfig } from '../schema';
import type { Problem } from '../problems';

/** Cross-field checks of the kubernetes section that a schema cannot express. */
export function checkKubernetes(_config: PlatformConfig): Problem[] {
  return [];
}
