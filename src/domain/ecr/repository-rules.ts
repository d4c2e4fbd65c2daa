/**
 * AWS's rules for a repository's name and tag mutability, as pure functions: the
 * configuration checks (with config paths) and the Repository construct (with prop
 * names) report the same messages.
 */
import { show } from '../problem';

/** CreateRepository's repositoryName pattern. */
export const REPOSITORY_NAME_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
/** The pattern as AWS documents it (no anchors, no escaped "/"), for messages. */
export const REPOSITORY_NAME_PATTERN_TEXT = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';
export const REPOSITORY_NAME_MIN_LENGTH = 2;
export const REPOSITORY_NAME_MAX_LENGTH = 256;

export const TAG_MUTABILITIES = ['MUTABLE', 'IMMUTABLE'] as const;
export type TagMutability = (typeof TAG_MUTABILITIES)[number];

/** What is wrong with a repository name, as "must ..., got ..." messages (empty when it is valid). */
export function repositoryNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < REPOSITORY_NAME_MIN_LENGTH || name.length > REPOSITORY_NAME_MAX_LENGTH) {
    problems.push(`must be ${REPOSITORY_NAME_MIN_LENGTH} to ${REPOSITORY_NAME_MAX_LENGTH} characters, got ${show(name)} (${name.length})`);
  }
  if (!REPOSITORY_NAME_PATTERN.test(name)) {
    problems.push(
      `must match ${REPOSITORY_NAME_PATTERN_TEXT} (lower-case letters and digits separated by single . _ - or /; 2-256 characters), got ${show(name)}`,
    );
  }
  return problems;
}

/** What is wrong with a tag mutability setting, or undefined. */
export function tagMutabilityProblem(value: string): string | undefined {
  if ((TAG_MUTABILITIES as readonly string[]).includes(value)) return undefined;
  if (/_WITH_EXCLUSION$/.test(value)) {
    return `must be "MUTABLE" or "IMMUTABLE": the AWS provider this project pins (5.100.0) has no *_WITH_EXCLUSION modes, got ${show(value)}`;
  }
  return `must be "MUTABLE" or "IMMUTABLE", got ${show(value)}`;
}
