import { Construct } from 'constructs';
import { EcrPullThroughCacheRule } from '@cdktf/provider-aws/lib/ecr-pull-through-cache-rule';
import type { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

export interface CacheRuleProps {
  /** ECR repository prefix: images are pulled as `<registry>/<prefix>/<upstream path>`. */
  readonly prefix: string;
  /** `upstream_registry_url`, e.g. `registry-1.docker.io`. */
  readonly upstreamUrl: string;
  /** ARN of the Secrets Manager secret with the upstream credential. @default no credential */
  readonly credentialArn?: string;
  /** The secret, when this stack creates it: the rule waits for it. @default none */
  readonly credentialSecret?: SecretsmanagerSecret;
}

/** One ECR pull-through cache rule: `<prefix>/...` in this registry caches `<upstreamUrl>/...`. */
export class CacheRule extends Construct {
  readonly resource: EcrPullThroughCacheRule;

  constructor(scope: Construct, id: string, props: CacheRuleProps) {
    super(scope, id);
    this.resource = new EcrPullThroughCacheRule(this, 'rule', {
      ecrRepositoryPrefix: props.prefix,
      upstreamRegistryUrl: props.upstreamUrl,
      credentialArn: props.credentialSecret?.arn ?? props.credentialArn,
    });
  }
}
