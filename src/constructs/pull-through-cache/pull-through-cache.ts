import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import type { PlatformConfig } from '../../config/schema';
import { resolveRepositories } from '../../config/model';
import { partition as partitionOf } from '../../domain/aws/arn';
import type { PolicyStatement } from '../../domain/iam/policy-document';
import { checkPullThroughCacheSettings } from '../../domain/pull-through-cache/rules';
import { resolveCacheRules, type ResolvedCacheRule } from '../../domain/pull-through-cache/upstreams';
import { UpstreamCredential } from './credential';
import { CacheRule } from './cache-rule';
import { CreationTemplate, templateKmsKey, templateNeedsRole } from './creation-template';
import { TemplateRole } from './template-role';
import { cachedRepositoryPolicy, cacheRegistryStatements, NodeAccess } from './node-access';

export interface PullThroughCacheProps {
  /** The platform configuration; this construct reads `pullThroughCache`, `aws`, `project` and the repository names. */
  readonly config: PlatformConfig;
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
 * need, the managed pull policy on the EKS node roles, and the registry-policy statement
 * the first pull of an image needs (the stack merges it into the one registry policy).
 *
 * Invalid settings (see checks.ts) are reported as construct validation errors and no
 * resources are created.
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
    const { config } = props;
    const section = config.pullThroughCache;
    const { accountId, region } = config.aws;
    const partition = partitionOf(region);

    const problems = checkPullThroughCacheSettings(section, {
      accountId,
      region,
      partition,
      repositories: resolveRepositories(config).map((repo) => ({ name: repo.name, path: `registry.repositories[${repo.index}]` })),
    });
    this.resolvedRules = problems.length ? [] : resolveCacheRules(section);
    if (problems.length) {
      this.node.addValidation({ validate: () => problems.map((p) => `'pullThroughCache.${p.path}' ${p.message}`) });
      return;
    }

    const needRole = this.resolvedRules.filter((rule) => templateNeedsRole(rule.template));
    if (needRole.length) {
      this.templateRole = new TemplateRole(this, 'template-role', {
        roleName: `${config.project}-ptc-template-${region}`,
        partition,
        accountId,
        region,
        prefixes: needRole.map((rule) => rule.prefix),
        kmsKeys: needRole
          .filter((rule) => rule.template.encryption.type === 'KMS')
          .map((rule) => templateKmsKey(rule.template.encryption, props.defaultKmsKeyArn)),
      });
    }
    const repositoryPolicy = cachedRepositoryPolicy(partition, section.accounts);

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

    if (section.nodeRoleNames.length) {
      this.nodeAccess = new NodeAccess(this, 'node-access', { roleNames: section.nodeRoleNames, partition });
    }

    this.registryPolicyStatements.push(
      ...cacheRegistryStatements({
        partition,
        accountId,
        region,
        prefixes: this.resolvedRules.map((rule) => rule.prefix),
        nodeRoleNames: section.nodeRoleNames,
        accounts: section.accounts,
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
