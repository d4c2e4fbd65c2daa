/**
 * Repository ARNs in as little policy text as IAM allows. A policy that names every repository
 * can outgrow IAM's size quotas (src/domain/iam/quotas.ts); then repositories that share a
 * top-level namespace (`team-0/api`, `team-0/web`) are granted as that namespace
 * (`repository/team-0/*`), the namespace that saves the most characters first. The grant
 * then covers the namespace's other repositories in the same account and region too, never
 * another namespace, account or region.
 */

/** `arn:...:repository/team-0/api` → `team-0`; undefined for a name without a namespace. */
function namespaceOf(arn: string): string | undefined {
  const name = arn.slice(arn.indexOf(':repository/') + ':repository/'.length);
  return name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined;
}

/**
 * The exact ARNs when they fit, else the fewest namespace wildcards that make them fit
 * (sorted); undefined when even every namespace as a wildcard does not fit.
 */
export function fitRepositoryArns(arns: readonly string[], fits: (arns: readonly string[]) => boolean): string[] | undefined {
  let current = [...new Set(arns)].sort();
  if (fits(current)) return current;
  const groups = new Map<string, string[]>();
  for (const arn of current) {
    const namespace = namespaceOf(arn);
    if (namespace && !arn.endsWith('/*')) groups.set(namespace, [...(groups.get(namespace) ?? []), arn]);
  }
  // Largest saving first: a namespace's ARNs replaced by one wildcard.
  const order = [...groups.entries()].filter(([, members]) => members.length > 1).sort((a, b) => saving(b[1]) - saving(a[1]) || a[0].localeCompare(b[0]));
  for (const [namespace, members] of order) {
    const prefix = members[0].slice(0, members[0].indexOf(':repository/') + ':repository/'.length);
    const gone = new Set(members);
    current = [...current.filter((arn) => !gone.has(arn)), `${prefix}${namespace}/*`].sort();
    if (fits(current)) return current;
  }
  return undefined;
}

function saving(members: readonly string[]): number {
  return members.reduce((sum, arn) => sum + arn.length + 3, 0);
}
