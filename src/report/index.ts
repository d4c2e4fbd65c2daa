/**
 * The access report (`npm run report`): who can pull and push what, the stacks and
 * their state, and the guardrail suppressions in force, as Markdown. Everything is
 * read from the synthesized stacks; the configuration only names roles' kinds.
 */
import type { PlatformApp } from '../app';
import type { PlatformConfig } from '../config/schema';
import { productionEnvironments } from '../guardrails';
import { SynthesizedPlatform, synthesizedStacks } from '../guardrails/synthesized';
import { buildAccessModel, type AccessLabels, type PrincipalKind } from './access';
import { renderReport } from './render';
import { stackSummaries } from './stacks';

export { buildAccessModel, type AccessModel, type Access, type ReportPrincipal, type ReportTarget } from './access';
export { renderReport, marks } from './render';
export { stackDiagram, stackSummaries, type StackSummary } from './stacks';

/** Default output of `npm run report`; the README embeds it. */
export const DEFAULT_REPORT_PATH = 'docs/access-report.md';

/** Kinds for the roles the configuration names, so the report says "Node role" rather than "Role". */
export function labelsFrom(config: PlatformConfig): AccessLabels {
  const roleKinds: Record<string, PrincipalKind> = {};
  config.pullThroughCache.nodeRoleNames.forEach((name) => (roleKinds[name] = 'Node role'));
  config.access.github.ciRoles.forEach((role) => (roleKinds[role.name] = 'CI role'));
  if (config.access.imageUpdater) roleKinds[config.access.imageUpdater.roleName] = 'Image Updater';
  return { roleKinds };
}

export interface AccessReportOptions {
  /** Where the configuration came from, for the report's first line. @default "the embedded example configuration" */
  readonly source?: string;
}

/** The report for a built platform (after `platform.app.synth()`, it reads the synthesized files). */
export function accessReport(platform: PlatformApp, config: PlatformConfig, options: AccessReportOptions = {}): string {
  const synthesized = new SynthesizedPlatform(synthesizedStacks(platform.app), { productionEnvironments: productionEnvironments(config) });
  return renderReport({
    access: buildAccessModel(synthesized, labelsFrom(config)),
    stacks: stackSummaries(synthesized),
    suppressions: config.guardrails.suppressions,
    source: options.source ?? 'the embedded example configuration',
  });
}
