/**
 * Terraform's variable types as zod schemas, with Terraform's own conversions
 * (a tfvars file that Terraform accepted must be accepted here too): numbers and
 * bools become strings where a string is expected, "20" becomes 20 and "true"
 * becomes true. Anything else is a mistake, reported in Terraform's words:
 * `repository_names must be a list of strings, got "x"`.
 */
import { z } from 'zod';
import { formatPath } from '../../problems';
import { show, type Problem } from '../../../domain/problem';

const toStringIfPrimitive = (value: unknown) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);
const toNumberIfNumeric = (value: unknown) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : value);
const toBoolIfWord = (value: unknown) => (value === 'true' ? true : value === 'false' ? false : value);

/** `string` */
export const tfString = z.preprocess(toStringIfPrimitive, z.string({ error: 'must be a string' }));

/** `bool` */
export const tfBool = z.preprocess(toBoolIfWord, z.boolean({ error: 'must be true or false' }));

/** `number`, whole and at least `min`. */
export function tfCount(min: number) {
  return z.preprocess(
    toNumberIfNumeric,
    z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` }),
  );
}

/** `list(string)` */
export const tfStringList = z.array(tfString, { error: 'must be a list of strings' });

/** `object({...})`: every attribute is required unless marked optional, and unknown attributes are errors. */
export function tfObject<Shape extends z.ZodRawShape>(shape: Shape, example: string) {
  return z
    .object(shape, { error: (issue) => (issue.code === 'invalid_type' ? `must be an object such as ${example}` : undefined) })
    .strict();
}

/** What a missing variable or attribute is for, and the line that adds it. */
export interface VariableHint {
  readonly what: string;
  readonly example: string;
}

/**
 * Turns zod issues from reading tfvars variables into problems on the file.
 * `hintFor(path)` explains a required variable or attribute that is missing.
 */
export function problemsFromTfvarsIssues(
  fileName: string,
  issues: readonly z.core.$ZodIssue[],
  variables: z.ZodObject,
  hintFor: (path: readonly PropertyKey[]) => VariableHint | undefined,
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const name = formatPath(issue.path);
    const input = (issue as { input?: unknown }).input;
    if (issue.code === 'unrecognized_keys') {
      const attributes = attributesAt(variables, issue.path);
      return issue.keys.map((key) => ({
        path: fileName,
        message: `${name}.${key} is not an attribute of ${name}${attributes.length ? `; its attributes: ${attributes.join(', ')}` : ''}`,
      }));
    }
    if (input === undefined) {
      const hint = hintFor(issue.path);
      return [{ path: fileName, message: `${name} is required${hint ? ` (${hint.what}); add ${hint.example}` : ''}` }];
    }
    return [{ path: fileName, message: `${name} ${issue.message}, got ${show(input)}` }];
  });
}

/** The attribute names of the object type at a path (one level of nesting: object variables). */
function attributesAt(variables: z.ZodObject, path: readonly PropertyKey[]): string[] {
  let schema: unknown = variables.shape[String(path[0])];
  if (schema instanceof z.ZodOptional) schema = schema.unwrap();
  return path.length === 1 && schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
