/**
 * Repository grants written by prefix: `team-a/*` instead of every repository under `team-a/`,
 * so a policy on a thousand repositories stays a few hundred characters. IAM matches the
 * resource `repository/team-a/*` against every repository under the prefix, the ones created
 * later included, so a prefix is used only where it means exactly the intended repositories:
 * - every configured repository under it is one of the intended ones;
 * - no repository the registry creates by itself can land under it (a pull-through cache or
 *   creation-template prefix below it, or above it: `docker-hub/library/nginx` is not one of
 *   the configured repositories);
 * - it covers at least two of them (one repository keeps its own ARN).
 * Repository names are `/`-separated paths (ECR's "namespaces"), so prefixes end at a `/`.
 */

/** `a/b/c` -> `a/`, `a/b/` (shortest first). */
function directoryPrefixes(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(0, -1).map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

function overlaps(prefix: string, reserved: string): boolean {
  const other = reserved.endsWith('/') ? reserved : `${reserved}/`;
  return other.startsWith(prefix) || prefix.startsWith(other);
}

/**
 * The intended repository names, each either kept or replaced by the shortest prefix pattern
 * (`team-a/*`) that means exactly the intended ones among `configured`. Sorted, no duplicates.
 * @param intended names of the repositories to grant (a subset of `configured`)
 * @param configured every repository name of the registry's configuration
 * @param reservedPrefixes prefixes under which ECR creates repositories of its own (pull-through cache)
 */
export function compactRepositoryNames(intended: readonly string[], configured: readonly string[], reservedPrefixes: readonly string[]): string[] {
  const wanted = new Set(intended);
  const usable = new Map<string, boolean>();
  const isUsable = (prefix: string): boolean => {
    let ok = usable.get(prefix);
    if (ok === undefined) {
      const under = configured.filter((name) => name.startsWith(prefix));
      ok = under.every((name) => wanted.has(name)) && under.filter((name) => wanted.has(name)).length >= 2 && !reservedPrefixes.some((r) => overlaps(prefix, r));
      usable.set(prefix, ok);
    }
    return ok;
  };
  const result = new Set<string>();
  for (const name of wanted) {
    const prefix = directoryPrefixes(name).find(isUsable);
    result.add(prefix ? `${prefix}*` : name);
  }
  return [...result].sort();
}
