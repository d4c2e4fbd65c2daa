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
      rule: (props.rules ?? DEFAULT_SCANNING_RULES).map((rule) => ({
        scanFrequency: rule.frequency,
        repositoryFilter: rule.filters.map((filter) => ({ filter, filterType: 'WILDCARD' })),
      })),
    });
  }
}
