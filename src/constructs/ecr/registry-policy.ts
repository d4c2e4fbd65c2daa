import { Construct } from 'constructs';
import { EcrRegistryPolicy } from '@cdktf/provider-aws/lib/ecr-registry-policy';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';

export interface RegistryPolicyProps {
  /** Statements from every part of the registry (replication, pull-through cache, ...). More can be added with addStatements(). */
  readonly statements: readonly PolicyStatement[];
}

/** Sids must be unique within a policy, and alphanumeric. */
export function registryPolicyProblems(statements: readonly PolicyStatement[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const sid of statements.map((s) => s.Sid).filter((sid): sid is string => Boolean(sid))) {
    if (seen.has(sid)) problems.push(`'statements' must have unique Sids, got ${JSON.stringify(sid)} twice`);
    if (!/^[A-Za-z0-9]+$/.test(sid)) problems.push(`'statements' Sids must be alphanumeric, got ${JSON.stringify(sid)}`);
    seen.add(sid);
  }
  if (!statements.length) problems.push("'statements' must contain at least one statement, got none");
  return problems;
}

/**
 * The registry policy. AWS allows one per registry, so every part of the platform
 * contributes statements and this construct emits them as one resource.
 */
export class RegistryPolicy extends Construct {
  readonly resource: EcrRegistryPolicy;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: RegistryPolicyProps) {
    super(scope, id);
    this.statements = [...props.statements];
    const duplicate = registryPolicyProblems(this.statements).find((problem) => problem.includes('unique'));
    if (duplicate) throw new Error(duplicate);
    this.node.addValidation({ validate: () => registryPolicyProblems(this.statements) });
    this.resource = new EcrRegistryPolicy(this, 'policy', { policy: renderPolicy(this.statements) });
  }

  /** Adds statements to the one policy (e.g. from a part of the platform built after this construct). */
  addStatements(...statements: PolicyStatement[]): void {
    this.statements.push(...statements);
    this.resource.policy = renderPolicy(this.statements);
  }

  /** Every statement of the policy, in order. */
  get allStatements(): readonly PolicyStatement[] {
    return this.statements;
  }
}
