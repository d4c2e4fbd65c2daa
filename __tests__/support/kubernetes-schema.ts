import { z } from 'zod';
import { modelOf, unknownApiFields } from './kubernetes-api-fields';

/**
 * Checks a Kubernetes object against the official schema: `kubernetes-models` (the API's
 * OpenAPI schema: types, required fields, formats) and, because that schema admits fields it
 * does not define, a strict check that every field exists in the API type
 * (`@kubernetes/client-node`'s field lists). Gatekeeper constraints are custom resources that
 * neither package knows; they are checked against the constraint framework's fields.
 */

/** Every problem of the object, as `<path>: <message>`; [] when it meets the schema. */
export function schemaProblems(manifest: Record<string, any>): string[] {
  const { apiVersion, kind } = manifest;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return [`apiVersion and kind must be strings, got ${JSON.stringify({ apiVersion, kind })}`];
  if (apiVersion.startsWith('constraints.gatekeeper.sh/')) return gatekeeperProblems(manifest);
  const Model = modelClass(apiVersion, kind);
  if (!Model) return [`no schema for ${apiVersion} ${kind} in kubernetes-models`];
  const problems: string[] = [];
  try {
    new Model(manifest).validate();
  } catch (error: any) {
    const errors: any[] = error?.errors ?? [{ instancePath: '', message: String(error?.message ?? error) }];
    problems.push(...errors.map((e) => `${e.instancePath || '/'}: ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));
  }
  problems.push(...unknownApiFields(manifest, modelOf(apiVersion, kind)).map((path) => `${path}: not a field of ${apiVersion} ${kind}`));
  return problems;
}

/** kubernetes-models' class for an apiVersion and kind, e.g. `kubernetes-models/apps/v1/Deployment`. */
function modelClass(apiVersion: string, kind: string): (new (data: unknown) => { validate(): void }) | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(`kubernetes-models/${apiVersion}/${kind}`)[kind];
  } catch {
    return undefined;
  }
}

const labelSelector = z
  .object({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z.array(z.object({ key: z.string(), operator: z.string(), values: z.array(z.string()).optional() }).strict()).optional(),
  })
  .strict();

/**
 * A Gatekeeper constraint: the fields every constraint has (`match`, `enforcementAction`,
 * `parameters`), per Gatekeeper's "How to use Gatekeeper" page
 * (https://open-policy-agent.github.io/gatekeeper/website/docs/howto#constraints), with the
 * parameters of gatekeeper-library's K8sAllowedRepos template (`repos`, a list of prefixes).
 */
const constraint = z
  .object({
    apiVersion: z.literal('constraints.gatekeeper.sh/v1beta1'),
    kind: z.literal('K8sAllowedRepos'),
    metadata: z.record(z.string(), z.unknown()),
    spec: z
      .object({
        enforcementAction: z.enum(['deny', 'dryrun', 'warn']).optional(),
        match: z
          .object({
            kinds: z.array(z.object({ apiGroups: z.array(z.string()), kinds: z.array(z.string()) }).strict()).optional(),
            scope: z.enum(['*', 'Cluster', 'Namespaced']).optional(),
            namespaces: z.array(z.string()).optional(),
            excludedNamespaces: z.array(z.string()).optional(),
            labelSelector: labelSelector.optional(),
            namespaceSelector: labelSelector.optional(),
            name: z.string().optional(),
          })
          .strict()
          .optional(),
        parameters: z.object({ repos: z.array(z.string()) }).strict(),
      })
      .strict(),
  })
  .strict();

function gatekeeperProblems(manifest: Record<string, any>): string[] {
  const parsed = constraint.safeParse(manifest);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`);
  // Its metadata is an ordinary ObjectMeta.
  problems.push(...unknownApiFields(manifest.metadata, 'V1ObjectMeta', 'metadata').map((path) => `${path}: not a field of ObjectMeta`));
  return problems;
}
