/** What access is reported to: every repository, and every pull-through cache prefix. */
import { partition } from '../../domain/aws/arn';
import type { SynthesizedPlatform, TfElement } from '../../guardrails/synthesized';
import { compare, literal, type ReportTarget } from './model';

export interface Target extends ReportTarget {
  /** ARN a policy's Resource must match (a sample repository under a cache prefix). */
  readonly arn: string;
}

export interface Targets {
  readonly all: readonly Target[];
  /** By aws_ecr_repository element and by repository name. */
  readonly byRepository: ReadonlyMap<TfElement | string, Target>;
  readonly byCachePrefix: ReadonlyMap<string, Target>;
}

export function collectTargets(platform: SynthesizedPlatform): Targets {
  const all: Target[] = [];
  const byRepository = new Map<TfElement | string, Target>();
  for (const repo of platform.ofType('aws_ecr_repository')) {
    const name = literal(repo.body.name) ?? repo.name;
    const target: Target = { kind: 'repository', name, arn: repositoryArn(platform, repo, name) };
    all.push(target);
    byRepository.set(repo, target);
    byRepository.set(name, target);
  }
  const byCachePrefix = new Map<string, Target>();
  for (const rule of platform.ofType('aws_ecr_pull_through_cache_rule')) {
    const prefix = literal(rule.body.ecr_repository_prefix);
    if (!prefix) continue;
    const target: Target = { kind: 'cache prefix', name: `${prefix}/*`, upstream: literal(rule.body.upstream_registry_url), arn: repositoryArn(platform, rule, `${prefix}/image`) };
    all.push(target);
    byCachePrefix.set(prefix, target);
  }
  return { all, byRepository, byCachePrefix };
}

/** Repositories first, then cache prefixes, each by name; without the ARNs. */
export function inReportOrder(targets: readonly Target[]): ReportTarget[] {
  return [...targets]
    .sort((a, b) => (a.kind === b.kind ? compare(a.name, b.name) : a.kind === 'repository' ? -1 : 1))
    .map(({ kind, name, upstream }) => ({ kind, name, ...(upstream ? { upstream } : {}) }));
}

/** The ARN of repository `name` in the account and region of the element's stack. */
export function repositoryArn(platform: SynthesizedPlatform, element: TfElement, name: string): string {
  const facts = platform.stack(element.stack);
  const region = facts?.region ?? 'unknown';
  return `arn:${partition(region)}:ecr:${region}:${facts?.accountIds[0] ?? 'unknown'}:repository/${name}`;
}
