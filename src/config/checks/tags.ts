import type { PlatformConfig } from '../schema';
import type { Problem } from '../../domain/problem';
import { MAX_TAGS_PER_RESOURCE, tagProblems, tagSetProblems, writtenTags, type WrittenTag } from '../../domain/aws/tags';
import { defaultTagList } from '../resolve/default-tags';

/** The IAM resources that carry the global stacks' default tags, for messages. */
const IAM_CARRIERS = "the access stack's IAM roles, policies and OIDC provider";

/**
 * Tags on every AWS resource, as AWS takes them: each tag where it is written (IAM's character
 * set for the default tags, which IAM resources carry too), and the set each resource ends up
 * with once default tags merge with its own (at most 50, no keys that differ only in case).
 * Pull-through cache templates are checked with the cache (src/domain/pull-through-cache/rules.ts).
 */
export function checkTags(config: PlatformConfig): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (list: readonly Problem[]) => {
    for (const problem of list) {
      const id = `${problem.path}\u0000${problem.message}`;
      if (!seen.has(id)) problems.push(problem);
      seen.add(id);
    }
  };

  // --- the global stacks' default tags: every resource there has them, IAM resources included
  const global = defaultTagList(config);
  global.filter((tag) => tag.path === 'owner' || tag.path.startsWith('tags.')).forEach((tag) => add(tagProblems(tag, { iam: IAM_CARRIERS })));
  add(tagSetProblems(global, 'every resource of the global stacks', 'tags'));

  // --- the workloads stacks' default tags: their environment's tags on top
  for (const environment of Object.keys(config.environments)) {
    const path = `environments.${environment}.tags`;
    const own = writtenTags(config.environments[environment].tags, path);
    own.forEach((tag) => add(tagProblems(tag)));
    add(layerProblems(global, own, `every resource of the workloads-${environment} stack`, path));
  }

  // --- repositories: default tags, then registry.defaults.tags, then the repository's own
  const defaults = writtenTags(config.registry.defaults.tags, 'registry.defaults.tags');
  defaults.forEach((tag) => add(tagProblems(tag)));
  add(layerProblems(global, defaults, 'every repository', 'registry.defaults.tags'));
  config.registry.repositories.forEach((repository, index) => {
    if (!repository.tags) return;
    const path = `registry.repositories[${index}].tags`;
    const own = writtenTags(repository.tags, path);
    own.forEach((tag) => add(tagProblems(tag)));
    add(layerProblems([...global, ...defaults], own, `repository ${JSON.stringify(repository.name)}`, path));
  });
  return problems;
}

/**
 * The problems tags written at `path` add to the tags beneath them: a case clash with one of
 * them, or the count they push over 50. What the layers beneath get wrong is reported there.
 */
function layerProblems(beneath: readonly WrittenTag[], own: readonly WrittenTag[], resource: string, path: string): Problem[] {
  const beneathOverLimit = new Set(beneath.map((tag) => tag.key)).size > MAX_TAGS_PER_RESOURCE;
  return tagSetProblems([...beneath, ...own], resource, path).filter(
    (problem) => problem.path.startsWith(`${path}.`) || (problem.path === path && !beneathOverLimit),
  );
}
