import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/schema';
import { stateKeys } from '../config/model';
import { PlatformStack } from './platform-stack';

/**
 * The RAG services on Kubernetes, one stack per environment.
 * State key: environments/<env>/rag-services/terraform.tfstate. (Skeleton: issue #6 completes it.)
 */
export class WorkloadsStack extends PlatformStack {
  constructor(scope: Construct, id: string, config: PlatformConfig, readonly environment: string) {
    super(scope, id, { config, stateKey: stateKeys.environment(environment, 'rag-services'), environment });
  }
}
