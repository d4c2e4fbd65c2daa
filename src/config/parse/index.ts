/**
 * The parse step: a configuration file's text as a configuration object, by its kind
 * (YAML, JSON, or an existing setup's terraform.tfvars). Checking is the next step (../validate).
 */
import { parseConfigText } from './text';

export { decodeConfigText, parseConfigText, readConfigFile } from './text';

export async function parseConfigFile(text: string, fileName: string): Promise<unknown> {
  if (/\.tfvars$/i.test(fileName)) {
    // Loaded only for tfvars: the HCL parser (a WebAssembly module) costs start-up time every other synth would pay.
    const { tfvarsToConfig } = await import('./tfvars');
    return tfvarsToConfig(text, fileName);
  }
  return parseConfigText(text, fileName);
}
