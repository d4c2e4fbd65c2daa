import { Construct } from 'constructs';
import { EcrRepositoryCreationTemplate } from '@cdktf/provider-aws/lib/ecr-repository-creation-template';
import type { Encryption } from '../../domain/ecr/encryption-rules';
import { renderLifecyclePolicy } from '../../domain/ecr/lifecycle-rules';
import { templateNeedsRole, type ResolvedTemplate } from '../../domain/pull-through-cache/upstreams';

export interface CreationTemplateProps {
  /** The cache prefix whose repositories the template shapes. */
  readonly prefix: string;
  /** Lifecycle policy, encryption, tag mutability and resource tags. */
  readonly template: ResolvedTemplate;
  /** The key for KMS encryption that names no key. @default ECR's AWS managed key (aws/ecr) */
  readonly defaultKmsKeyArn?: string;
  /** The role ECR assumes to apply KMS encryption or resource tags. Required when the template has either. */
  readonly customRoleArn?: string;
  /** Repository policy of each created repository (JSON). @default none */
  readonly repositoryPolicy?: string;
}

/** The KMS key a template encrypts with: undefined for AES256, or KMS on ECR's AWS managed key. */
export function templateKmsKey(encryption: Encryption, defaultKmsKeyArn?: string): string | undefined {
  return encryption.type === 'KMS' ? (encryption.kmsKeyArn ?? defaultKmsKeyArn) : undefined;
}

export { templateNeedsRole } from '../../domain/pull-through-cache/upstreams';

/**
 * The repository creation template for one cache prefix (`applied_for = PULL_THROUGH_CACHE`):
 * repositories the cache creates on first pull get a lifecycle policy, encryption and tag
 * mutability instead of ECR's defaults (no lifecycle policy, mutable tags).
 */
export class CreationTemplate extends Construct {
  readonly resource: EcrRepositoryCreationTemplate;

  constructor(scope: Construct, id: string, props: CreationTemplateProps) {
    super(scope, id);
    const { template } = props;
    if (templateNeedsRole(template) && !props.customRoleArn) {
      throw new Error(
        `'customRoleArn' must be set for prefix ${JSON.stringify(props.prefix)}: ECR applies KMS encryption and resource tags from a template only through a custom role, got nothing`,
      );
    }
    const kmsKey = templateKmsKey(template.encryption, props.defaultKmsKeyArn);
    this.resource = new EcrRepositoryCreationTemplate(this, 'template', {
      prefix: props.prefix,
      appliedFor: ['PULL_THROUGH_CACHE'],
      description: `Repositories the pull-through cache creates under ${props.prefix}/`,
      lifecyclePolicy: renderLifecyclePolicy(template.lifecyclePolicy),
      imageTagMutability: template.tagMutability,
      encryptionConfiguration: [{ encryptionType: template.encryption.type, ...(kmsKey ? { kmsKey } : {}) }],
      customRoleArn: props.customRoleArn,
      repositoryPolicy: props.repositoryPolicy,
      resourceTags: Object.keys(template.resourceTags).length ? { ...template.resourceTags } : undefined,
    });
  }
}
