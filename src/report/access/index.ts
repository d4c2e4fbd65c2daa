/**
 * Who can pull and push what, read from the synthesized stacks: every role the
 * platform creates or grants to, every account, organization and service that a
 * repository or registry policy names, against every repository and cache prefix.
 */
import type { SynthesizedPlatform } from '../../guardrails/synthesized';
import { identityStatements } from './identity-policies';
import { accessMatrix } from './matrix';
import { compare, type AccessLabels, type AccessModel } from './model';
import { repositoriesUsedByProduction, repositoryName } from '../../guardrails/rules/repositories';
import { Principals } from './principals';
import { namedPrincipals, resourceStatements } from './resource-policies';
import { PlatformRoles } from './roles';
import { collectTargets, inReportOrder } from './targets';

export type { Access, AccessLabels, AccessModel, PrincipalKind, ReportPrincipal, ReportTarget } from './model';

/** Builds the model: principals, targets and the access of each principal to each target. */
export function buildAccessModel(platform: SynthesizedPlatform, labels: AccessLabels = {}): AccessModel {
  const principals = new Principals(labels);
  const roles = new PlatformRoles(platform, principals);
  const identity = identityStatements(platform, roles, principals);
  const targets = collectTargets(platform);
  const resource = resourceStatements(platform, targets);
  const named = namedPrincipals(platform, resource, roles, principals);
  const access = accessMatrix(platform, principals.ids(), identity, targets.all, resource, named);
  // Effective reach: which of its pushes land in what production runs (the repositories production workloads pull).
  const production = new Set([...repositoriesUsedByProduction(platform).keys()].map(repositoryName));
  for (const [id, cells] of Object.entries(access)) {
    const pushed = Object.entries(cells).filter(([name, cell]) => cell.push && production.has(name)).map(([name]) => name).sort(compare);
    if (pushed.length) principals.detail(id, `pushes what production runs: ${pushed.join(', ')}`);
  }
  return { principals: principals.ordered(access), targets: inReportOrder(targets.all), access };
}
