/**
 * A typed IAM policy builder. Policies are rendered to JSON at synth time, so
 * the synthesized Terraform (and the guardrails that read it) see every action,
 * resource and condition, and a plan shows the full document.
 */
export type OneOrMany<T> = T | T[];

export type ConditionOperator =
  | 'StringEquals'
  | 'StringLike'
  | 'StringNotEquals'
  | 'ArnLike'
  | 'ArnEquals'
  | 'Bool'
  | 'NumericLessThan'
  | 'ForAnyValue:StringLike'
  | 'ForAnyValue:StringEquals';

export type Conditions = Partial<Record<ConditionOperator, Record<string, OneOrMany<string>>>>;

export type Principal = '*' | { AWS?: OneOrMany<string>; Service?: OneOrMany<string>; Federated?: OneOrMany<string> };

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly Action: OneOrMany<string>;
  readonly Resource?: OneOrMany<string>;
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements.map(normalizeStatement) };
}

/** Renders a document as compact JSON in a stable order, so plans do not show spurious diffs. */
export function renderPolicy(statements: readonly PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements));
}

/** Sorted, de-duplicated lists; a single value stays a string (as IAM returns it). */
function normalizeStatement(statement: PolicyStatement): PolicyStatement {
  const list = (value: OneOrMany<string> | undefined) => {
    if (value === undefined) return undefined;
    const items = [...new Set(Array.isArray(value) ? value : [value])].sort();
    return items.length === 1 ? items[0] : items;
  };
  const principal = statement.Principal;
  return {
    ...(statement.Sid ? { Sid: statement.Sid } : {}),
    Effect: statement.Effect,
    ...(principal === undefined
      ? {}
      : {
          Principal:
            principal === '*'
              ? '*'
              : Object.fromEntries(Object.entries(principal).map(([kind, ids]) => [kind, list(ids as OneOrMany<string>)])),
        }),
    Action: list(statement.Action)!,
    ...(statement.Resource === undefined ? {} : { Resource: list(statement.Resource) }),
    ...(statement.Condition ? { Condition: statement.Condition } : {}),
  };
}
