/** One thing wrong with the configuration: where, and what (the message already says what it got and what is allowed). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** Renders a value for a message: short, and always on one line. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Prefix a list of problems with a parent path. */
export function under(prefix: string, problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ path: p.path ? (p.path.startsWith('[') ? `${prefix}${p.path}` : `${prefix}.${p.path}`) : prefix, message: p.message }));
}
