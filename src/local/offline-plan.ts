/**
 * An offline `terraform init` and `plan` of a synthesized stack, with the override of
 * ./offline.ts beside its untouched cdk.tf.json (`npm run bench`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OFFLINE_OVERRIDE_FILE, offlineEnv, offlineOverride } from './offline';
import { runOk } from './run';

/** `terraform init` and `plan` offline in `stackDir`; the number of resources the plan would create. */
export async function offlinePlan(stackDir: string, env: Readonly<Record<string, string | undefined>>, cliConfigFile: string): Promise<{ toAdd: number }> {
  const stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  fs.writeFileSync(path.join(stackDir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(stackJson), null, 2));
  const options = { cwd: stackDir, env: offlineEnv(env, cliConfigFile) };
  await runOk('terraform', ['init', '-input=false', '-no-color'], options);
  const plan = await runOk('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], options);
  const match = /Plan: (\d+) to add/.exec(plan.stdout);
  return { toAdd: match ? Number(match[1]) : 0 };
}
