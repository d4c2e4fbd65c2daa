import { ConfigError } from './problems';
import type { PlatformConfigInput } from './schema';

/** Turns a terraform.tfvars file of one of the supported layouts into a configuration (issue #8). */
export async function tfvarsToConfig(_text: string, fileName: string): Promise<PlatformConfigInput> {
  throw new ConfigError([{ path: fileName, message: 'terraform.tfvars files are not supported yet' }]);
}
