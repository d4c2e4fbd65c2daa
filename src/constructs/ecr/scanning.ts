import { Construct } from 'constructs';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { checkScanning, DEFAULT_SCANNING_RULES, type RegistryScanningProps } from '../../domain/ecr/scanning-rules';

/** The registry's scanning configuration (one per registry). */
export class RegistryScanning extends Construct {
  readonly resource: EcrRegistryScanningConfiguration;

  constructor(scope: Construct, id: string, props: RegistryScanningProps = {}) {
    super(scope, id);
    this.node.addValidation({ validate: () => checkScanning(props).map((p) => `'${p.path.replace(/^type$/, 'scanType')}' ${p.message}`) });
    this.resource = new EcrRegistryScanningConfiguration(this, 'configuration', {
      scanType: props.scanType ?? 'BASIC',
      // Rules and their filters are sets to ECR: sorted, so the configuration's order never shows in the output.
      rule: [...(props.rules ?? DEFAULT_SCANNING_RULES)]
        .map((rule) => ({ frequency: rule.frequency, filters: [...new Set(rule.filters)].sort() }))
        .sort((a, b) => compare(`${a.frequency}\n${a.filters.join('\n')}`, `${b.frequency}\n${b.filters.join('\n')}`))
        .map((rule) => ({
          scanFrequency: rule.frequency,
          repositoryFilter: rule.filters.map((filter) => ({ filter, filterType: 'WILDCARD' })),
        })),
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
