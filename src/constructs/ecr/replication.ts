import { Construct } from 'constructs';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { checkReplication, mergeReplicationRules, type MergedReplicationRule, type ReplicationRule } from '../../domain/ecr/replication-rules';

export interface ReplicationProps {
  /** The registry being replicated (checks reject it as a destination). */
  readonly source: { readonly accountId: string; readonly region: string };
  /** @default none: add rules with addRule() */
  readonly rules?: readonly ReplicationRule[];
}

/** The registry's one replication configuration; every part of the platform adds its rules here. */
export class Replication extends Construct {
  readonly resource: EcrReplicationConfiguration;
  private readonly rules: ReplicationRule[];

  constructor(scope: Construct, id: string, props: ReplicationProps) {
    super(scope, id);
    this.rules = [...(props.rules ?? [])];
    this.node.addValidation({ validate: () => checkReplication(this.rules, props.source).map((p) => `'${p.path}' ${p.message}`) });
    this.resource = new EcrReplicationConfiguration(this, 'configuration', {});
    this.render();
  }

  addRule(rule: ReplicationRule): void {
    this.rules.push(rule);
    this.render();
  }

  /** The rules as they are emitted: merged. */
  get mergedRules(): MergedReplicationRule[] {
    return mergeReplicationRules(this.rules);
  }

  private render(): void {
    this.resource.putReplicationConfiguration({
      rule: this.mergedRules.map((rule) => ({
        destination: rule.destinations.map((d) => ({ region: d.region, registryId: d.registryId })),
        ...(rule.prefixFilters.length ? { repositoryFilter: rule.prefixFilters.map((filter) => ({ filter, filterType: 'PREFIX_MATCH' })) } : {}),
      })),
    });
  }
}
