/**
 * Runs real Terraform on synthesized stacks, offline: an override file swaps in a
 * local backend and dummy credentials without touching the synthesized cdk.tf.json,
 * and the CLI config (./terraform-mirror.ts) installs providers from the mirror.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { App } from 'cdktf';
import { ensureTerraformCliConfig } from './terraform-mirror';
import { OFFLINE_OVERRIDE_FILE, offlineOverride } from '../../src/local/offline';
import { tempDir } from './temp-dir';

/** The offline override of a stack without aliases or roles (src/local/offline.ts builds it per stack). */
export const OFFLINE_OVERRIDE = offlineOverride({});

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly after: Record<string, unknown>;
}

export interface PlanDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Where in the configuration: the file is cdk.tf.json or an override file. */
  readonly range?: { readonly filename: string };
}

export interface PlanResult {
  /**
   * What the plan reported besides its changes: deprecations and other warnings (an error fails
   * the plan). The plan validates the configuration first, as `terraform validate` would.
   */
  readonly warnings: readonly PlanDiagnostic[];
  readonly changes: readonly PlannedChange[];
  /** Output names the plan will set. */
  readonly outputs: readonly string[];
  /** Raw `terraform show -json` of the plan. */
  readonly json: Record<string, unknown>;
}

function terraform(dir: string, args: string[]): string {
  try {
    return execFileSync('terraform', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' },
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`terraform ${args.join(' ')} failed in ${dir}:\n${e.stderr ?? ''}\n${e.stdout ?? ''}`);
  }
}

/** Synthesizes the app into a fresh temporary directory and returns it. */
export function synthToTemp(app: App): string {
  app.synth();
  return app.outdir;
}

export function tempOutdir(): string {
  return tempDir('tf-');
}

/**
 * `terraform init` and `plan` of one synthesized stack directory. No separate `validate`: the
 * plan validates first and reports the same diagnostics in its JSON stream, and each terraform
 * command costs about 2 CPU-seconds of provider start-up.
 */
export function planStackDir(stackDir: string): PlanResult {
  ensureTerraformCliConfig();
  const stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  fs.writeFileSync(path.join(stackDir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride(stackJson), null, 2));
  terraform(stackDir, ['init', '-input=false', '-no-color', '-backend=true']);
  const stream = terraform(stackDir, ['plan', '-json', '-input=false', '-no-color', '-lock=false', '-refresh=false', '-out=offline.tfplan']);
  const warnings = stream
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; diagnostic?: PlanDiagnostic })
    .flatMap((message) => (message.type === 'diagnostic' && message.diagnostic ? [message.diagnostic] : []));
  const json = JSON.parse(terraform(stackDir, ['show', '-json', 'offline.tfplan']));
  const changes = ((json.resource_changes ?? []) as Array<Record<string, any>>).map((rc) => ({
    address: rc.address as string,
    type: rc.type as string,
    actions: rc.change.actions as string[],
    after: (rc.change.after ?? {}) as Record<string, unknown>,
  }));
  return { warnings, changes, outputs: Object.keys(json.planned_values?.outputs ?? {}), json };
}

/** Plans a stack of a synthesized app by its name. */
export function planStack(app: App, stackName: string): PlanResult {
  return planStackDir(path.join(app.outdir, 'stacks', stackName));
}
