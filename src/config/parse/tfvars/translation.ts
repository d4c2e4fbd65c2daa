import { formatPath } from '../../problems';
import type { YamlComment } from '../../to-yaml';

export type ConfigPath = readonly (string | number)[];

/** A configuration path and the tfvars variable its value came from, so a problem found in the configuration points at the file. */
export interface Origin {
  readonly path: string;
  readonly variable: string;
}

/** Collects, while a layout is translated, where each value came from and what the YAML should explain. */
export class TranslationNotes {
  readonly comments: YamlComment[] = [];
  readonly origins: Origin[] = [];

  /** The value at `path` (and everything under it) came from `variable`, e.g. `repository_names[2]`. */
  from(variable: string, ...paths: ConfigPath[]): void {
    for (const path of paths) this.origins.push({ path: formatPath(path), variable });
  }

  /** A comment above the key or item at `path`. */
  explain(path: ConfigPath, text: string): void {
    this.comments.push({ path, text });
  }

  /** A short comment at the end of the line of the scalar at `path`. */
  remark(path: ConfigPath, text: string): void {
    this.comments.push({ path, text, placement: 'inline' });
  }

  /** The variable a configuration path came from: the longest recorded path that contains it. */
  variableFor(configPath: string): string | undefined {
    const matches = this.origins.filter(
      (origin) => configPath === origin.path || configPath.startsWith(`${origin.path}.`) || configPath.startsWith(`${origin.path}[`),
    );
    return matches.sort((a, b) => b.path.length - a.path.length)[0]?.variable;
  }
}
