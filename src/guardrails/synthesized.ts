/**
 * The platform as Terraform will see it: every stack's synthesized JSON, indexed
 * once so each rule is a linear pass. Rules read only this, never the configuration
 * or construct classes, so a resource added later by any construct is checked too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/**
 * A value of the synthesized JSON. Its shape depends on the resource type (thousands of
 * provider schemas) and is only known at run time, so rules read it defensively.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type JsonObject = Record<string, Json>;

/** A stack's `cdk.tf.json`, parsed. */
export type TerraformJson = JsonObject;

export interface SynthesizedStack {
  readonly name: string;
  readonly json: TerraformJson;
  /** Names of the stacks this one is deployed after. */
  readonly dependencies: readonly string[];
}

/** One resource or data source block of a synthesized stack. */
export interface TfElement {
  readonly stack: string;
  readonly mode: 'resource' | 'data';
  readonly type: string;
  /** Logical ID (the key under the type). */
  readonly name: string;
  /** Construct path cdktf records in `//.metadata.path`, e.g. `registry/repo-infrastructure/repository`. */
  readonly path: string;
  readonly body: JsonObject;
}

/** Facts about a stack that rules need: where it deploys and how it keeps its state. */
export interface StackFacts {
  readonly name: string;
  readonly accountIds: readonly string[];
  readonly region?: string;
  /** Value of the AWS provider's `Environment` default tag (or the `workloads-<env>` stack name). */
  readonly environment?: string;
  /** `s3`, `local`, ...; `local` when the stack declares no backend (Terraform's default). */
  readonly backendType: string;
  readonly backend: JsonObject;
  readonly dependencies: readonly string[];
}

export interface PlatformFacts {
  /** Environments the configuration marks as production. */
  readonly productionEnvironments: readonly string[];
}

/** Indexed view over every synthesized stack. */
export class SynthesizedPlatform {
  readonly stacks: readonly StackFacts[];
  readonly elements: readonly TfElement[] = [];
  private readonly byType = new Map<string, TfElement[]>();
  private readonly byAddress = new Map<string, TfElement>();
  private readonly stackByName = new Map<string, StackFacts>();
  private readonly cache = new Map<string, unknown>();
  readonly productionEnvironments: ReadonlySet<string>;

  constructor(
    readonly synthesized: readonly SynthesizedStack[],
    facts: PlatformFacts = { productionEnvironments: [] },
  ) {
    this.productionEnvironments = new Set(facts.productionEnvironments);
    const elements: TfElement[] = [];
    for (const stack of synthesized) {
      for (const mode of ['resource', 'data'] as const) {
        for (const [type, blocks] of Object.entries<JsonObject>(stack.json[mode] ?? {})) {
          for (const [name, body] of Object.entries<JsonObject>(blocks ?? {})) {
            const element: TfElement = { stack: stack.name, mode, type, name, path: body?.['//']?.metadata?.path ?? `${stack.name}/${name}`, body: body ?? {} };
            elements.push(element);
            const key = mode === 'data' ? `data.${type}` : type;
            const list = this.byType.get(key) ?? [];
            list.push(element);
            this.byType.set(key, list);
            this.byAddress.set(`${stack.name}\u0000${key}.${name}`, element);
          }
        }
      }
    }
    this.elements = elements;
    this.stacks = synthesized.map((stack) => stackFacts(stack));
    this.stacks.forEach((s) => this.stackByName.set(s.name, s));
  }

  /** Resources of a type (`aws_ecr_repository`), or data sources (`data.aws_iam_policy_document`). */
  ofType(...types: string[]): TfElement[] {
    return types.flatMap((type) => this.byType.get(type) ?? []);
  }

  stack(name: string): StackFacts | undefined {
    return this.stackByName.get(name);
  }

  /** The element a whole-value reference such as `${aws_s3_bucket.x.id}` points at, in the same stack. */
  resolve(stack: string, value: unknown): { element: TfElement; attribute: string } | undefined {
    const ref = parseReference(value);
    if (!ref) return undefined;
    const element = this.byAddress.get(`${stack}\u0000${ref.address}`);
    return element ? { element, attribute: ref.attribute } : undefined;
  }

  /** Computes a derived view once per platform (several rules share the container list, for example). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  isProductionStack(stack: string): boolean {
    const environment = this.stack(stack)?.environment;
    return environment !== undefined && this.productionEnvironments.has(environment);
  }
}

/** `${aws_x.name.attr}` or `${data.aws_x.name.attr}` (a whole-string reference). */
export function parseReference(value: unknown): { address: string; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{((?:data\.)?[a-z0-9_]+\.[^.}\s]+)\.([a-z0-9_]+)(?:\[\d+\])?\}$/.exec(value);
  return match ? { address: match[1], attribute: match[2] } : undefined;
}

/** A value that Terraform computes at apply time (contains `${...}`). */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** Nested blocks appear as an object or a list of objects in cdktf's JSON; this always gives a list. */
export function blocks(value: unknown): JsonObject[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v && typeof v === 'object');
}

/** The first (single) nested block, or an empty object. */
export function block(value: unknown): JsonObject {
  return blocks(value)[0] ?? {};
}

function stackFacts(stack: SynthesizedStack): StackFacts {
  const aws = blocks(stack.json.provider?.aws)[0] ?? {};
  const defaultTags = block(aws.default_tags).tags ?? {};
  const backends = Object.entries<JsonObject>(stack.json.terraform?.backend ?? {});
  const [backendType, backend] = backends[0] ?? ['local', {}];
  const environment: string | undefined = typeof defaultTags.Environment === 'string' ? defaultTags.Environment : /^workloads-(.+)$/.exec(stack.name)?.[1];
  return {
    name: stack.name,
    accountIds: (aws.allowed_account_ids ?? []).filter((a: unknown) => typeof a === 'string'),
    region: typeof aws.region === 'string' ? aws.region : undefined,
    environment,
    backendType,
    backend: backend ?? {},
    dependencies: stack.dependencies,
  };
}

/**
 * Every stack of an app as synthesized. After `app.synth()` the JSON is read back
 * from the output folder (exactly what Terraform gets); otherwise each stack is
 * rendered in memory the way `app.synth()` would (aspects first).
 */
export function synthesizedStacks(app: App): SynthesizedStack[] {
  return app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c)).map((stack) => synthesizedStack(stack, app));
}

export function synthesizedStack(stack: TerraformStack, app?: App): SynthesizedStack {
  const entry = app?.manifest?.stacks?.[stack.node.id];
  const file = entry ? path.join(app!.outdir, entry.synthesizedStackPath) : undefined;
  let json: TerraformJson;
  if (file && fs.existsSync(file)) {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } else {
    invokeAspects(stack);
    json = JSON.parse(JSON.stringify(stack.toTerraform()));
  }
  return { name: stack.node.id, json, dependencies: stack.dependencies.map((d) => d.node.id) };
}
