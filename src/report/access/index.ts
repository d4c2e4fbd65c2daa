/**
 * Who can pull and push what, read from the synthesized stacks: every role the
 * platform creates or grants to, every account, organization and service that a
 * repository or registry policy names, against every repository and cache prefix.
 */
import type { SynthesizedPlatform } from '../../guardrails/synthesized';
import { identityStatements } from './identity-policies';
import { accessMatrix } from './matrix';
import type { AccessLabels, AccessModel } from './model';
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
  return { principals: principals.ordered(access), targets: inReportOrder(targets.all), access };
}
