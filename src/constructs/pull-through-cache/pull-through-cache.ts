import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { partition as partitionOf } from '../../domain/aws/arn';
import type { PolicyStatement } from '../../domain/iam/policy-document';
import { show, under, type Problem } from '../../domain/problem';
import { CACHE_PREFIX_PATTERN, checkCredentialArn } from '../../domain/pull-through-cache/rules';
import type { ResolvedCacheRule } from '../../domain/pull-through-cache/upstreams';
import { UpstreamCredential } from './credential';
import { CacheRule } from './cache-rule';
import { CreationTemplate, templateKmsKey, templateNeedsRole } from './creation-template';
import { TemplateRole } from './template-role';
import { cachedRepositoryPolicy, cacheRegistryStatements, NodeAccess } from './node-access';

export interface PullThroughCacheProps {
  /** The registry's account and region. */
  readonly accountId: string;
  readonly region: string;
  /** The upstream rules with their defaults applied (resolveCacheRules), one per prefix. */
  readonly rules: readonly ResolvedCacheRule[];
  /** Name of the role ECR assumes for templates with KMS encryption or resource tags (created only when one needs it). */
  readonly templateRoleName: string;
  /** EKS node roles (in this account) that pull through the cache. @default none */
  readonly nodeRoleNames?: readonly string[];
  /** Other accounts whose principals may pull through the cache. @default none */
  readonly accounts?: readonly string[];
  /** The platform's repositories (ARNs) the node roles may pull from besides the cache. @default none */
  readonly nodeRepositoryArns?: readonly string[];
  /**
   * The key for creation templates with `encryption: { type: KMS }` and no kmsKeyArn
   * (e.g. the registry's own key). @default ECR's AWS managed key, aws/ecr
   */
  readonly defaultKmsKeyArn?: string;
}

/** Construct IDs per prefix: "/" cannot be part of an ID, and "+" never appears in a prefix, so IDs stay distinct. */
function prefixId(prefix: string): string {
  return prefix.replace(/\//g, '+');
}

/**
 * ECR pull-through cache for public registries: one rule per configured upstream, the
 * upstream credentials (empty secrets, so no credential ever lands in Terraform state),
 * a repository creation template per prefix, the custom role templates with KMS or tags
 * need, the scoped pull policy on the EKS node roles, and the registry-policy statement
 * the first pull of an image needs (the stack merges it into the one registry policy).
 *
 * Props AWS would refuse (a prefix outside its pattern, two rules on one prefix, a credential
 * secret ECR cannot use) are reported as construct validation errors and no resources are created.
 */
export class PullThroughCache extends Construct {
  /** Statements this cache needs in the one registry policy. */
  readonly registryPolicyStatements: PolicyStatement[] = [];
  /** The rules with their defaults applied, in configuration order. */
  readonly resolvedRules: readonly ResolvedCacheRule[];
  readonly rules: Record<string, CacheRule> = {};
  /** Secrets this stack creates, by prefix. */
  readonly credentials: Record<string, UpstreamCredential> = {};
  readonly templates: Record<string, CreationTemplate> = {};
  readonly templateRole?: TemplateRole;
  readonly nodeAccess?: NodeAccess;

  constructor(scope: Construct, id: string, props: PullThroughCacheProps) {
    super(scope, id);
    const { accountId, region } = props;
    const nodeRoleNames = props.nodeRoleNames ?? [];
    const accounts = props.accounts ?? [];
    const partition = partitionOf(region);

    const problems = propProblems(props, partition);
    this.resolvedRules = problems.length ? [] : props.rules;
    if (problems.length) {
      this.node.addValidation({ validate: () => problems.map((p) => `'${p.path}' ${p.message}`) });
      return;
    }

    const needRole = this.resolvedRules.filter((rule) => templateNeedsRole(rule.template));
    if (needRole.length) {
      this.templateRole = new TemplateRole(this, 'template-role', {
        roleName: props.templateRoleName,
        partition,
        accountId,
        region,
        prefixes: needRole.map((rule) => rule.prefix),
        kmsKeys: needRole
          .filter((rule) => rule.template.encryption.type === 'KMS')
          .map((rule) => templateKmsKey(rule.template.encryption, props.defaultKmsKeyArn)),
      });
    }
    const repositoryPolicy = cachedRepositoryPolicy(partition, accounts);

    for (const rule of this.resolvedRules) {
      const ruleId = prefixId(rule.prefix);
      let credentialSecret: UpstreamCredential | undefined;
      if (rule.credential.kind === 'created') {
        credentialSecret = new UpstreamCredential(this, `credential-${ruleId}`, {
          secretName: rule.credential.secretName,
          upstream: rule.upstream,
          upstreamUrl: rule.upstreamUrl,
        });
        this.credentials[rule.prefix] = credentialSecret;
      }
      this.rules[rule.prefix] = new CacheRule(this, `rule-${ruleId}`, {
        prefix: rule.prefix,
        upstreamUrl: rule.upstreamUrl,
        credentialSecret: credentialSecret?.secret,
        credentialArn: rule.credential.kind === 'existing' ? rule.credential.arn : undefined,
      });
      this.templates[rule.prefix] = new CreationTemplate(this, `template-${ruleId}`, {
        prefix: rule.prefix,
        template: rule.template,
        defaultKmsKeyArn: props.defaultKmsKeyArn,
        customRoleArn: templateNeedsRole(rule.template) ? this.templateRole?.arn : undefined,
        repositoryPolicy,
      });
    }

    if (nodeRoleNames.length) {
      this.nodeAccess = new NodeAccess(this, 'node-access', {
        roleNames: nodeRoleNames,
        partition,
        accountId,
        region,
        cachePrefixes: this.resolvedRules.map((rule) => rule.prefix),
        repositoryArns: props.nodeRepositoryArns,
      });
    }

    this.registryPolicyStatements.push(
      ...cacheRegistryStatements({
        partition,
        accountId,
        region,
        prefixes: this.resolvedRules.map((rule) => rule.prefix),
        nodeRoleNames,
        accounts,
      }),
    );

    const secretNames = this.resolvedRules.flatMap((rule) => (rule.credential.kind === 'created' ? [[rule.prefix, rule.credential.secretName]] : []));
    if (secretNames.length) {
      const output = new TerraformOutput(this, 'credentials-to-set', {
        description: 'Secrets to fill once: aws secretsmanager put-secret-value --secret-id <name> --secret-string file://credential.json (keys username, accessToken)',
        value: Object.fromEntries(secretNames),
      });
      output.overrideLogicalId('pull_through_cache_credentials');
    }
  }
}

/** AWS's rules on the props themselves: each prefix in ECR's pattern and used once, each existing credential a secret ECR can read. */
function propProblems(props: PullThroughCacheProps, partition: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  props.rules.forEach((rule, index) => {
    if (!CACHE_PREFIX_PATTERN.test(rule.prefix)) {
      problems.push({ path: `rules[${index}].prefix`, message: `must be 2-30 characters: lower-case letters and digits, separated by single ".", "_", "-" or "/", got ${show(rule.prefix)}` });
    }
    const first = seen.get(rule.prefix);
    if (first !== undefined) problems.push({ path: `rules[${index}].prefix`, message: `must be unique: rules[${first}] has ${show(rule.prefix)} too` });
    else seen.set(rule.prefix, index);
    if (rule.credential.kind === 'existing') {
      problems.push(...under(`rules[${index}].credential.arn`, checkCredentialArn(rule.credential.arn, { accountId: props.accountId, region: props.region, partition })));
    }
  });
  return problems;
}
