/**
 * AWS's rules for resource tags, checked where the configuration writes them.
 * Sources:
 * - https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html ("Tag naming limits and
 *   requirements": at most 50 tags per resource, keys 1-128 and values 0-256 Unicode characters,
 *   the aws: prefix reserved for AWS).
 * - https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-using-tags.html (the same limits on repositories).
 * - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html and
 *   https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html (IAM resources: keys and values
 *   match [\p{L}\p{Z}\p{N}_.:/=+\-@]; IAM keys are not case sensitive, so two keys that differ only
 *   in case are one key).
 * - https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/guides/resource-tagging
 *   (default_tags merge with a resource's tags per key: both count towards the 50).
 */
import { show, type Problem } from '../problem';

export const MAX_TAGS_PER_RESOURCE = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
const IAM_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const IAM_CHARACTERS_TEXT = 'letters, digits, spaces and _ . : / = + - @';

/** A tag as the configuration writes it; `path` points at it (`tags.Team`, or `owner` for the Owner tag). */
export interface WrittenTag {
  readonly key: string;
  readonly value: string;
  readonly path: string;
}

/** AWS counts Unicode characters, not UTF-16 units. */
function length(text: string): number {
  return [...text].length;
}

/**
 * Problems with one tag. `iam` also applies IAM's character set (the tag lands on IAM roles,
 * policies or the OIDC provider); `onIam` names them for the message.
 */
export function tagProblems(tag: WrittenTag, options: { iam?: string } = {}): Problem[] {
  const problems: Problem[] = [];
  const { key, value, path } = tag;
  if (length(key) < 1 || length(key) > MAX_TAG_KEY_LENGTH) {
    problems.push({ path, message: `must be a tag key of 1 to ${MAX_TAG_KEY_LENGTH} characters, got ${show(key)} (${length(key)})` });
  }
  if (key.toLowerCase().startsWith('aws:')) problems.push({ path, message: `must not start with "aws:" (AWS reserves those tag keys), got ${show(key)}` });
  if (length(value) > MAX_TAG_VALUE_LENGTH) {
    problems.push({ path, message: `must have a value of at most ${MAX_TAG_VALUE_LENGTH} characters, got ${show(value)} (${length(value)})` });
  }
  if (options.iam) {
    if (!IAM_TAG_CHARACTERS.test(key)) {
      problems.push({ path, message: `must be a key of only ${IAM_CHARACTERS_TEXT} (IAM's tag characters; ${options.iam} carry this tag), got ${show(key)}` });
    }
    if (!IAM_TAG_CHARACTERS.test(value)) {
      problems.push({ path, message: `must have a value of only ${IAM_CHARACTERS_TEXT} (IAM's tag characters; ${options.iam} carry this tag), got ${show(value)}` });
    }
  }
  return problems;
}

/**
 * Problems with the tags one resource ends up with, in the order they merge (default tags first;
 * a later tag with the same key replaces an earlier one): at most 50, and no two keys that differ
 * only in case. `resource` names the resource for the messages; `countPath` is where the count is reported.
 */
export function tagSetProblems(tags: readonly WrittenTag[], resource: string, countPath: string): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map<string, WrittenTag>();
  for (const tag of tags) byKey.set(tag.key, tag);
  const byFolded = new Map<string, WrittenTag>();
  for (const tag of byKey.values()) {
    const folded = tag.key.toLowerCase();
    const first = byFolded.get(folded);
    if (first) {
      problems.push({
        path: tag.path,
        message:
          `must not differ from the tag key ${show(first.key)} (${first.path}) only in case: ${resource} would get both, and IAM (for one) ` +
          `treats them as one key; keep one spelling, got ${show(tag.key)}`,
      });
    } else byFolded.set(folded, tag);
  }
  if (byKey.size > MAX_TAGS_PER_RESOURCE) {
    problems.push({
      path: countPath,
      message: `must leave ${resource} at most ${MAX_TAGS_PER_RESOURCE} tags (AWS's limit per resource, default tags included), got ${byKey.size}`,
    });
  }
  return problems;
}

/** A tag record as written tags, with `path.<key>` as each one's path. */
export function writtenTags(tags: Readonly<Record<string, string>> | undefined, path: string): WrittenTag[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value, path: `${path}.${key}` }));
}
