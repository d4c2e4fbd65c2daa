import { containers } from '../kubernetes-containers';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { blocks, isToken } from '../synthesized';
import { secretLookingWord } from '../../domain/kubernetes/env-values';

export const secretLiteralInEnv: Rule = {
  id: 'SEC-002',
  level: 'error',
  rationale: 'An environment variable\'s literal value is written into the Deployment, the Terraform plan and the state: a secret there is readable by everyone who can read either.',
  fix: 'Put the value in a Secret and reference it: env: { NAME: { valueFrom: { secretKeyRef: { name: <secret>, key: <key> } } } }.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const container of containers(platform)) {
      for (const variable of container.env) {
        const word = secretLookingWord(variable.name);
        if (!word || variable.literal === undefined || variable.literal === '') continue;
        // The value itself is never printed.
        yield violation(container.element, `container ${quote(container.name)} sets ${variable.name}, which looks like a secret (${word}), to a literal value${isToken(variable.literal) ? ' (computed by Terraform, so it is in the state)' : ''}.`);
      }
    }
  },
};

export const eksTokenInState: Rule = {
  id: 'SEC-003',
  level: 'warning',
  rationale: 'A kubernetes provider token read from aws_eks_cluster_auth is stored in the plan and the state: whoever reads them can call the cluster API until it expires (15 minutes).',
  fix: 'Use eksAuth: exec (the default): the provider runs `aws eks get-token` at each run and stores nothing.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const auths = platform.ofType('data.aws_eks_cluster_auth');
    for (const stack of platform.synthesized) {
      for (const provider of blocks(stack.json.provider?.kubernetes)) {
        const auth = platform.resolve(stack.name, provider.token)?.element;
        if (auth && auths.includes(auth)) {
          yield { stack: stack.name, resource: auth.path, message: `the kubernetes provider${provider.alias ? ` ${quote(provider.alias)}` : ''} takes its token from aws_eks_cluster_auth ${quote(auth.body.name)}, which Terraform keeps in the plan and the state.` };
        }
      }
    }
  },
};

export const secretsRules: Rule[] = [secretLiteralInEnv, eksTokenInState];
