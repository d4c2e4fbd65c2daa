/** The principals the report lists, as the builder meets them: one entry per id, kind and details merged. */
import { compare, KIND_ORDER, type Access, type AccessLabels, type PrincipalKind, type ReportPrincipal } from './model';

export type AddPrincipal = (id: string, name: string, kind: PrincipalKind, details?: readonly string[]) => string;

export class Principals {
  private readonly entries = new Map<string, { name: string; kind: PrincipalKind; details: Set<string> }>();
  /** Principals the platform grants to directly (roles it creates or attaches policies to): listed even without access. */
  private readonly granted = new Set<string>();

  constructor(private readonly labels: AccessLabels) {}

  /** Adds (or merges into) a principal; returns its id. */
  readonly add: AddPrincipal = (id, name, kind, details = []) => {
    const existing = this.entries.get(id) ?? { name, kind, details: new Set<string>() };
    if (KIND_ORDER.indexOf(kind) < KIND_ORDER.indexOf(existing.kind)) existing.kind = kind;
    details.forEach((d) => existing.details.add(d));
    this.entries.set(id, existing);
    return id;
  };

  /** Adds a principal the platform grants to directly. */
  grant(id: string, name: string, kind: PrincipalKind, details: readonly string[] = []): string {
    this.granted.add(this.add(id, name, kind, details));
    return id;
  }

  /** Adds a detail to a principal already listed. */
  detail(id: string, text: string): void {
    this.entries.get(id)?.details.add(text);
  }

  /** The kind the configuration gives a role, else `fallback`. */
  readonly roleKind = (name: string, fallback: PrincipalKind): PrincipalKind => this.labels.roleKinds?.[name] ?? fallback;

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * In report order. Principals only a resource policy names, and that reach none of these repositories
   * (e.g. the source account in a replication target's registry policy), would be empty columns: left out.
   */
  ordered(access: Readonly<Record<string, unknown>>): ReportPrincipal[] {
    return [...this.entries.entries()]
      .filter(([id]) => this.granted.has(id) || access[id])
      .map(([id, p]) => ({ id, name: p.name, kind: p.kind, details: [...p.details].sort() }))
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compare(a.name, b.name));
  }
}

export type AccessMatrix = Record<string, Record<string, Access>>;
