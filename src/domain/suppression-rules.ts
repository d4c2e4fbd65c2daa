/**
 * What a suppression must say, checked where the configuration is loaded (schema) and again
 * where suppressions are applied (library callers pass them in code). A suppression is a
 * decision about one finding: one rule, one resource by its exact path, and a reason a
 * reviewer can read. Pure: no imports.
 */

/** The shortest reason that can say what is accepted and why ("Legacy images, deleted by hand."). */
export const MIN_REASON_CHARACTERS = 20;
/** Words of two letters or more: a sentence, not "ok", "n/a" or a row of dots. */
export const MIN_REASON_WORDS = 3;

/**
 * Characters a reader cannot see: format characters (zero-width space, joiners, BOM, soft
 * hyphen, bidi marks: Unicode category Cf), separators and other whitespace, control characters.
 */
const INVISIBLE = /[\p{Cf}\p{Z}\p{Cc}\s]/gu;
const WORD = /\p{L}{2,}/gu;

/** What is wrong with a suppression's reason, or undefined when it is a sentence. */
export function suppressionReasonProblem(reason: string): string | undefined {
  const visible = reason.replace(INVISIBLE, '');
  const words = reason.replace(/[\p{Cf}]/gu, '').match(WORD) ?? [];
  if (visible.length >= MIN_REASON_CHARACTERS && words.length >= MIN_REASON_WORDS) return undefined;
  return (
    `must be a sentence saying why the finding is acceptable: at least ${MIN_REASON_CHARACTERS} visible characters and ${MIN_REASON_WORDS} words ` +
    `(whitespace, zero-width characters and punctuation alone say nothing), got ${visible.length} visible characters and ${words.length} words`
  );
}

/**
 * What is wrong with a suppression's resource, or undefined when it names one resource.
 * No `*` or `?`: a pattern also matches resources added later, so a suppression written for
 * one finding would silently accept the next one (a `*` alone switches the rule off).
 */
export function suppressionResourceProblem(resource: string): string | undefined {
  if (/[*?]/.test(resource)) {
    return 'must name one resource exactly as the finding line prints it, without * or ? (a pattern also accepts findings on resources added later; write one suppression per resource)';
  }
  if (resource.replace(INVISIBLE, '') !== resource || resource.length === 0) {
    return 'must be a resource path as the finding line prints it (no spaces or invisible characters)';
  }
  return undefined;
}
