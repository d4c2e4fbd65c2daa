import { App } from 'cdktf';
import type { PlatformConfig } from './config/schema';
import { ConfigError } from './config/problems';
import { checkConfig } from './config/checks';
import { resolvePlatform, type ResolvedPlatform } from './config/resolve/platform';
import { BootstrapStack } from './stacks/bootstrap-stack';
import { RegistryStack } from './stacks/registry-stack';
import { AccessStack } from './stacks/access-stack';
import { WorkloadsStack } from './stacks/workloads-stack';
import { ReplicationTargetStack, replicationTargetStackName } from './stacks/replication-target-stack';
import type { PlatformStack } from './stacks/platform-stack';

export interface PlatformApp {
  readonly app: App;
  /** The model every stack was built from. */
  readonly platform: ResolvedPlatform;
  readonly bootstrap: BootstrapStack;
  readonly registry: RegistryStack;
  readonly access: AccessStack;
  /** One per environment that has a cluster in `kubernetes.clusters`. */
  readonly workloads: Record<string, WorkloadsStack>;
  /** One per cross-account replication destination with `assumeRoleArn`, by stack name: its registry policy. */
  readonly replicationTargets: Record<string, ReplicationTargetStack>;
  /** Every stack, in deploy order. */
  readonly stacks: readonly PlatformStack[];
}

export interface BuildOptions {
  /** Where `app.synth()` writes. @default cdktf's own default (CDKTF_OUTDIR or cdktf.out) */
  readonly outdir?: string;
  /** Skip construct validations during `app.synth()` (the synth runner validates everything first). */
  readonly skipValidation?: boolean;
}

/** Stack names are part of the interface (`cdktf deploy registry`): never rename them. */
export const STACK_NAMES = {
  bootstrap: 'bootstrap',
  registry: 'registry',
  access: 'access',
  workloads: (environment: string) => `workloads-${environment}`,
  replicationTarget: (accountId: string, region: string) => replicationTargetStackName({ accountId, region }),
} as const;

/**
 * Builds every stack from one configuration: check it (a configuration built in code gets the
 * checks loadConfig runs), resolve it once, build the stacks from the resolved model.
 */
export function buildApp(config: PlatformConfig, options: BuildOptions = {}): PlatformApp {
  const problems = checkConfig(config);
  if (problems.length) throw new ConfigError(problems);
  return buildStacks(resolvePlatform(config), options);
}

/**
 * Builds every stack from the resolved platform. Deploy order is declared as stack
 * dependencies (bootstrap, registry, access, workloads), so `cdktf deploy '*'` follows it;
 * the stacks share values through the resolved model, never through remote state.
 */
export function buildStacks(platform: ResolvedPlatform, options: BuildOptions = {}): PlatformApp {
  const app = new App({ outdir: options.outdir, skipValidation: options.skipValidation });
  const bootstrap = new BootstrapStack(app, STACK_NAMES.bootstrap, platform);
  // Destination registries allow replication before the registry starts replicating into them.
  const replicationTargetStacks: Record<string, ReplicationTargetStack> = {};
  for (const target of platform.replicationTargets) {
    const name = STACK_NAMES.replicationTarget(target.accountId, target.region);
    replicationTargetStacks[name] = new ReplicationTargetStack(app, name, platform, target);
    replicationTargetStacks[name].addDependency(bootstrap);
  }
  const registry = new RegistryStack(app, STACK_NAMES.registry, platform);
  registry.addDependency(bootstrap);
  Object.values(replicationTargetStacks).forEach((stack) => registry.addDependency(stack));
  const access = new AccessStack(app, STACK_NAMES.access, platform);
  access.addDependency(registry);

  const workloads: Record<string, WorkloadsStack> = {};
  for (const [environment, resolved] of Object.entries(platform.workloads)) {
    const stack = new WorkloadsStack(app, STACK_NAMES.workloads(environment), platform, resolved);
    // The documented order: workloads come last, after the access stack as well, so a
    // `cdktf deploy '*'` never runs them side by side with IAM changes.
    stack.addDependency(access);
    workloads[environment] = stack;
  }
  return {
    app,
    platform,
    bootstrap,
    registry,
    access,
    workloads,
    replicationTargets: replicationTargetStacks,
    stacks: [bootstrap, ...Object.values(replicationTargetStacks), registry, access, ...Object.values(workloads)],
  };
}
