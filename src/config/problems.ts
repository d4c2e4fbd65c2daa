import type { z } from 'zod';
import { show, type Problem } from '../domain/problem';

/** Thrown when the configuration cannot be used. Carries every problem, so the user fixes them all in one round. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(problem: Problem): string {
  return `${problem.path || '(root)'}: ${problem.message}`;
}

/** `registry.repositories[2].name` from ['registry', 'repositories', 2, 'name']. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`))
    .join('');
}

/**
 * Turns zod issues into one problem per mistake. Zod's own texts are reworded into
 * "<what is allowed>, got <value>", and unknown keys list the keys that are allowed.
 */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], root: z.ZodType): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(root, issue.path);
        for (const key of issue.keys) {
          problems.push({
            path: formatPath([...issue.path, key]),
            message: `unknown key${allowed.length ? `; allowed keys here: ${allowed.join(', ')}` : ''}`,
          });
        }
        break;
      }
      case 'invalid_type':
        problems.push({
          path,
          message: input === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)}, got ${show(input)}`,
        });
        break;
      case 'invalid_value':
        problems.push({ path, message: `must be one of ${issue.values.map((v) => show(v)).join(', ')}, got ${show(input)}` });
        break;
      case 'invalid_key':
        // A record key its key schema refused (an environment name, say): that schema's own message says what is allowed.
        problems.push(...problemsFromZod(issue.issues.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), root));
        break;
      case 'invalid_union': {
        const branches = issue.errors.filter((branch) => branch.length > 0);
        // Report the branch that got furthest: the one whose issues sit deepest, then the fewest.
        const best = [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
        if (best && depth(best) > 0) {
          problems.push(...problemsFromZod(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), root));
        } else {
          problems.push({ path, message: `${lowerFirst(issue.message)}${input !== undefined ? `, got ${show(input)}` : ''}` });
        }
        break;
      }
      default: {
        const message = lowerFirst(issue.message.replace(/^Too (small|big): expected /, ''));
        problems.push({ path, message: /, got /.test(message) ? message : `${message}, got ${show(input)}` });
      }
    }
  }
  return problems;
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => (i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined ? i.path.length - 0.5 : i.path.length)));
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The keys an object schema accepts at a path, so an "unknown key" message can say what is allowed. */
function allowedKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  const def = (unwrap(schema) as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def) return [];
  if (def.type === 'union') {
    return [...new Set((def.options as unknown[]).flatMap((option) => allowedKeysAt(option, path)))];
  }
  if (path.length === 0) return def.type === 'object' ? Object.keys(def.shape as object) : [];
  const [segment, ...rest] = path;
  if (def.type === 'object') return allowedKeysAt((def.shape as Record<string, unknown>)[String(segment)], rest);
  if (def.type === 'array') return allowedKeysAt(def.element, rest);
  if (def.type === 'record') return allowedKeysAt(def.valueType, rest);
  return [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && current?._zod?.def; i++) {
    const def = current._zod.def;
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault' || def.type === 'readonly') {
      current = def.innerType as typeof current;
    } else if (def.type === 'pipe') {
      current = def.in as typeof current;
    } else break;
  }
  return current;
}

/**
 * How every command reports a configuration it cannot use: one line per problem, then a
 * summary naming the source and what was not done ("nothing was synthesized").
 */
export function configErrorLines(error: ConfigError, source: string, consequence: string): string[] {
  const count = error.problems.length;
  return [...error.problems.map(formatProblem), `${source} has ${count} problem${count === 1 ? '' : 's'}; ${consequence}`];
}
