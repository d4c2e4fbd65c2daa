import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { renderPolicy, type PolicyStatement } from '../../domain/iam/policy-document';

export interface TemplateRoleProps {
  /** IAM role name (1-64 characters). */
  readonly roleName: string;
  /** ARN partition, account and region of the registry. */
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Cache prefixes whose templates use the role: it may create and tag `repository/<prefix>/*` only. */
  readonly prefixes: readonly string[];
  /**
   * KMS keys the templates encrypt with: key ARNs, alias ARNs, or `undefined` for ECR's AWS managed key (aws/ecr).
   * @default none: the role gets no KMS permissions
   */
  readonly kmsKeys?: readonly (string | undefined)[];
}

/**
 * The role ECR assumes to apply a repository creation template that sets a KMS key or
 * resource tags (ECR requires it for those two settings). Scoped to the cache's prefixes
 * and the templates' keys. The trust pins aws:SourceAccount to the registry's account, IAM's
 * guard against the confused deputy for service principals
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html): ECR may assume the
 * role only for this account's own registry.
 */
export class TemplateRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: TemplateRoleProps) {
    super(scope, id);
    if (!/^[\w+=,.@-]{1,64}$/.test(props.roleName)) {
      throw new Error(`'roleName' must be an IAM role name (1-64 of letters, digits and +=,.@_-), got ${JSON.stringify(props.roleName)}`);
    }
    if (props.prefixes.length === 0) throw new Error("'prefixes' must name at least one cache prefix, got []");

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'Assumed by ECR to apply the pull-through cache repository creation templates (KMS encryption, resource tags).',
      assumeRolePolicy: renderPolicy([
        { Effect: 'Allow', Principal: { Service: 'ecr.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } } },
      ]),
    });
    new IamRolePolicy(this, 'policy', {
      role: this.role.name,
      name: 'repository-creation-template',
      policy: renderPolicy(templateRoleStatements(props)),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}

/** The role's permissions: create and tag the cache's repositories, and use the templates' KMS keys. */
export function templateRoleStatements(props: Omit<TemplateRoleProps, 'roleName'>): PolicyStatement[] {
  const arn = (service: string, resource: string) => `arn:${props.partition}:${service}:${props.region}:${props.accountId}:${resource}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'CreateAndTagCacheRepositories',
      Effect: 'Allow',
      Action: ['ecr:CreateRepository', 'ecr:TagResource'],
      Resource: props.prefixes.map((prefix) => arn('ecr', `repository/${prefix}/*`)),
    },
  ];
  const keys = [...new Set(props.kmsKeys ?? [])];
  const kmsActions = ['kms:CreateGrant', 'kms:RetireGrant', 'kms:DescribeKey'];
  const keyArns = keys.filter((key): key is string => key !== undefined && /:key\//.test(key));
  // Aliases (and the AWS managed aws/ecr key, whose ARN the configuration cannot know) are matched through the key's alias.
  const aliases = keys.filter((key) => key === undefined || /:alias\//.test(key)).map((key) => (key === undefined ? 'alias/aws/ecr' : key.slice(key.indexOf(':alias/') + 1)));
  if (keyArns.length) statements.push({ Sid: 'UseTemplateKeys', Effect: 'Allow', Action: kmsActions, Resource: keyArns });
  if (aliases.length) {
    statements.push({
      Sid: 'UseTemplateKeyAliases',
      Effect: 'Allow',
      Action: kmsActions,
      Resource: arn('kms', 'key/*'),
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliases } },
    });
  }
  return statements;
}
