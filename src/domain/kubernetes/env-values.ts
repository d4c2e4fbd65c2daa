/**
 * Environment variable values of a container: a literal, or a reference to a key of an existing
 * Secret or ConfigMap (`valueFrom.secretKeyRef` / `valueFrom.configMapKeyRef`, Kubernetes'
 * EnvVarSource: https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/).
 * A literal is written into the Deployment, so into the Terraform plan and state; a reference
 * carries only the object's name and key, and the kubelet reads the value when the pod starts.
 */
import { show, type Problem } from '../problem';

export interface EnvKeyRef {
  /** The Secret or ConfigMap in the pod's namespace (it must exist; the stack does not create it). */
  readonly name: string;
  readonly key: string;
  /** Start the pod even when the object or key is missing. @default false */
  readonly optional?: boolean;
}

export type EnvValueFrom = { readonly valueFrom: { readonly secretKeyRef: EnvKeyRef } | { readonly configMapKeyRef: EnvKeyRef } };
export type EnvValue = string | EnvValueFrom;

export function isLiteral(value: EnvValue): value is string {
  return typeof value === 'string';
}

/** The Secret or ConfigMap key a reference reads, with its kind. */
export function keyRefOf(value: EnvValueFrom): { kind: 'secretKeyRef' | 'configMapKeyRef'; ref: EnvKeyRef } {
  return 'secretKeyRef' in value.valueFrom ? { kind: 'secretKeyRef', ref: value.valueFrom.secretKeyRef } : { kind: 'configMapKeyRef', ref: value.valueFrom.configMapKeyRef };
}

/** Words that make a variable name look like it holds a secret (compared per `_`-separated word, any case). */
const SECRET_WORDS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'CREDENTIAL', 'CREDENTIALS', 'APIKEY', 'PRIVATEKEY'];
/** Two-word secret names: API_KEY, ACCESS_KEY (AWS_SECRET_ACCESS_KEY), PRIVATE_KEY, SIGNING_KEY, ... */
const SECRET_PAIRS = ['API_KEY', 'ACCESS_KEY', 'PRIVATE_KEY', 'SECRET_KEY', 'SIGNING_KEY', 'ENCRYPTION_KEY', 'CLIENT_SECRET', 'AUTH_KEY'];
/** A last word that says the variable points at a secret rather than holding one (TOKEN_URL, SECRET_NAME, PASSWORD_FILE). */
const POINTER_WORDS = ['URL', 'URI', 'ENDPOINT', 'HOST', 'PORT', 'PATH', 'FILE', 'DIR', 'NAME', 'ID', 'ARN', 'TTL', 'TIMEOUT', 'TYPE', 'HEADER', 'LENGTH', 'EXPIRY', 'REF'];

/** The secret word of a variable name (e.g. "PASSWORD" for DB_PASSWORD), or undefined when it does not look secret. */
export function secretLookingWord(name: string): string | undefined {
  const words = name.toUpperCase().split('_').filter(Boolean);
  if (!words.length || POINTER_WORDS.includes(words[words.length - 1])) return undefined;
  const single = words.find((w) => SECRET_WORDS.includes(w));
  if (single) return single;
  return words.slice(1).map((w, i) => `${words[i]}_${w}`).find((pair) => SECRET_PAIRS.includes(pair));
}

/** A Secret or ConfigMap name: a DNS-1123 subdomain (253 characters at most). */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Secret or ConfigMap data key (Kubernetes' IsConfigMapKey). */
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** Problems with the values of a container's environment, paths relative to it (`env.<NAME>...`). */
export function checkEnvValues(env: Readonly<Record<string, EnvValue>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (isLiteral(value)) {
      const word = secretLookingWord(name);
      // The value is never echoed: it may be the secret.
      if (word && value !== '') {
        problems.push({
          path: `env.${name}`,
          message:
            `must not be a literal value: ${show(name)} looks like a secret (${word}), and a literal is stored in the Deployment, the Terraform plan and the state; ` +
            `put it in a Secret and use valueFrom: { secretKeyRef: { name: <secret>, key: <key> } }, got a literal of ${value.length} characters`,
        });
      }
      continue;
    }
    const { kind, ref } = keyRefOf(value);
    const at = `env.${name}.valueFrom.${kind}`;
    if (ref.name.length > 253 || !OBJECT_NAME.test(ref.name)) {
      problems.push({ path: `${at}.name`, message: `must be the name of a ${kind === 'secretKeyRef' ? 'Secret' : 'ConfigMap'} (a DNS-1123 subdomain: a-z, 0-9, - and ., at most 253 characters), got ${show(ref.name)}` });
    }
    if (ref.key.length > 253 || !DATA_KEY.test(ref.key)) {
      problems.push({ path: `${at}.key`, message: `must be a data key (letters, digits, - _ and ., at most 253 characters), got ${show(ref.key)}` });
    }
  }
  return problems;
}
