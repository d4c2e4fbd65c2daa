/** The matrix: for each principal and target, whether its identity statements and the resource statements naming it allow pull, push, import. */
import { allowsAction, wildcardMatch } from '../../guardrails/policy';
import type { SynthesizedPlatform } from '../../guardrails/synthesized';
import type { PlacedStatement } from './identity-policies';
import type { Access } from './model';
import type { AccessMatrix } from './principals';
import type { NamedPrincipals, ResourceStatement } from './resource-policies';
import { repositoryArn, type Target } from './targets';

export function accessMatrix(
  platform: SynthesizedPlatform,
  principalIds: Iterable<string>,
  identity: ReadonlyMap<string, readonly PlacedStatement[]>,
  targets: readonly Target[],
  resource: readonly ResourceStatement[],
  named: NamedPrincipals,
): AccessMatrix {
  const byTarget = new Map<Target, ResourceStatement[]>(targets.map((t) => [t, []]));
  resource.forEach((r) => r.targets.forEach((t) => byTarget.get(t)!.push(r)));

  const access: AccessMatrix = {};
  for (const id of principalIds) {
    const own = (identity.get(id) ?? []).map(({ statement, stack }) => ({ statement, resources: resolveResources(platform, stack, statement.resources ?? []) }));
    for (const target of targets) {
      const applicable = byTarget.get(target)!.filter((r) => {
        const principals = named.get(r.statement);
        return principals === 'everyone' || principals?.has(id);
      });
      const statements = [
        ...own,
        ...applicable.map((r) => ({ statement: r.statement, resources: r.statement.resources ? resolveResources(platform, r.stack, r.statement.resources) : [target.arn] })),
      ];
      const allowed = (action: string) => {
        const matching = statements.filter(({ statement, resources }) => allowsAction(statement, action) && resources.some((r) => wildcardMatch(r, target.arn, false)));
        // A Deny without conditions wins; a conditional statement counts as granted (its condition is listed with the principal).
        return matching.some((m) => m.statement.effect === 'Allow') && !matching.some((m) => m.statement.effect === 'Deny' && !m.statement.conditions.length);
      };
      const cell: Access = {
        pull: allowed('ecr:BatchGetImage'),
        push: allowed('ecr:PutImage'),
        ...(target.kind === 'cache prefix' ? { import: allowed('ecr:BatchImportUpstreamImage') } : {}),
      };
      if (cell.pull || cell.push || cell.import) (access[id] ??= {})[target.name] = cell;
    }
  }
  return access;
}

/** Resource patterns with references to repositories replaced by their ARN. */
function resolveResources(platform: SynthesizedPlatform, stack: string, values: readonly string[]): string[] {
  return values.map((value) =>
    value.replace(/\$\{(aws_ecr_repository\.[^.}]+)\.arn\}/g, (whole, address: string) => {
      const element = platform.resolve(stack, `\${${address}.name}`)?.element;
      return element && typeof element.body.name === 'string' ? repositoryArn(platform, element, element.body.name) : whole;
    }),
  );
}
