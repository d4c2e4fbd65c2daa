import { Construct } from 'constructs';
import { EcrRegistryPolicy } from '@cdktf/provider-aws/lib/ecr-registry-policy';
import { renderPolicy, type PolicyStatement } from '../../iam/policy-document';

export interface RegistryPolicyProps {
  /** Statements from every part of the registry (replication, pull-through cache, ...). */
  readonly statements: readonly PolicyStatement[];
}

/**
 * The registry policy. AWS allows one per registry, so every part of the platform
 * contributes statements and this construct emits them as one resource.
 */
export class RegistryPolicy extends Construct {
  readonly resource: EcrRegistryPolicy;

  constructor(scope: Construct, id: string, props: RegistryPolicyProps) {
    super(scope, id);
    const sids = props.statements.map((s) => s.Sid).filter(Boolean);
    const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
    if (duplicate) throw new Error(`'statements' must have unique Sids, got ${JSON.stringify(duplicate)} twice`);
    this.resource = new EcrRegistryPolicy(this, 'policy', { policy: renderPolicy(props.statements) });
  }
}
