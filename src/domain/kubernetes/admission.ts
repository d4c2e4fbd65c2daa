/**
 * What the Gatekeeper `K8sAllowedRepos` constraint admits. gatekeeper-library's template
 * (library/general/allowedrepos/template.yaml) admits a container when its image
 * `startswith` one of `parameters.repos`: a bare `<host>/faro-rag/rag-query` also admits
 * `<host>/faro-rag/rag-query-x`, and `<host>/docker-hub/` admits all of Docker Hub.
 * So every entry ends where a name ends: `:` (a tag follows), `@` (a digest follows) or `/`
 * (a namespace whose every repository is admitted on purpose).
 */
import { show, type Problem } from '../problem';

/** The two entries that admit exactly one repository: `<host>/<repository>:` and `<host>/<repository>@`. */
export function exactRepositoryEntries(host: string, repository: string): string[] {
  return [`${host}/${repository}:`, `${host}/${repository}@`];
}

/**
 * How an allowed-repos entry admits more than it names: `no-host-end` (no "/" after the host, so
 * `<host>.attacker.example/...` matches too) or `mid-name` (it ends inside a name); undefined when it ends where a name ends.
 */
export function allowedRepoEntryFlaw(entry: string): 'no-host-end' | 'mid-name' | undefined {
  if (!entry.includes('/')) return 'no-host-end';
  return /[:@/]$/.test(entry) ? undefined : 'mid-name';
}

/** The prop check's message for an entry; undefined when it is fine. */
export function allowedRepoEntryProblem(entry: string): string | undefined {
  switch (allowedRepoEntryFlaw(entry)) {
    case 'no-host-end':
      return `must contain "/" after the registry host, got ${show(entry)}`;
    case 'mid-name':
      return `must end with ":" or "@" (one repository: Gatekeeper compares prefixes, so ${show(entry)} also admits ${show(`${entry}-x`)}) or "/" (a namespace), got ${show(entry)}`;
    default:
      return undefined;
  }
}

/** A repository path as ECR names repositories, optionally ending in "/" for every repository under it. */
const CACHED_PATH = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\/?$/;

/**
 * `admissionPolicy.cachedImages`: upstream images admitted through the pull-through cache, as
 * `<cache prefix>/<upstream repository>` (exactly that repository) or `<cache prefix>/<namespace>/`
 * (every repository under it). A cache prefix alone would admit the whole upstream registry.
 */
export function checkCachedImages(entries: readonly string[], cachePrefixes: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  entries.forEach((entry, i) => {
    const path = `[${i}]`;
    const prefix = cachePrefixes.find((p) => entry === p || entry === `${p}/` || entry.startsWith(`${p}/`));
    if (!prefix) {
      problems.push({
        path,
        message: `must start with a pull-through cache prefix (${cachePrefixes.length ? cachePrefixes.map((p) => show(`${p}/`)).join(', ') : 'pullThroughCache.rules has none'}), got ${show(entry)}`,
      });
      return;
    }
    const rest = entry.slice(prefix.length + 1);
    if (!rest) {
      problems.push({ path, message: `must name an upstream repository or namespace under ${show(`${prefix}/`)} (e.g. ${show(`${prefix}/library/nginx`)}): the prefix alone admits the whole upstream registry, got ${show(entry)}` });
    } else if (!CACHED_PATH.test(rest)) {
      problems.push({ path, message: `must be ${show(`${prefix}/`)} followed by a repository path of lower-case letters, digits and . _ - / (a trailing "/" admits a namespace), got ${show(entry)}` });
    }
  });
  return problems;
}
