/**
 * How much environment a container can carry. The values are written into the Deployment,
 * and from it into every ReplicaSet and Pod, each one object in etcd:
 * - etcd refuses a request over 1.5 MiB by default (`--max-request-bytes`; etcd's "System
 *   limits", https://etcd.io/docs/v3.5/dev-guide/limit/), so an object with more fails at apply;
 * - Kubernetes caps a ConfigMap or a Secret, the objects meant for configuration data, at 1 MiB
 *   ("ConfigMaps", https://kubernetes.io/docs/concepts/configuration/configmap/: "The data
 *   stored in a ConfigMap cannot exceed 1 MiB"). We hold a pod's environment to the same 1 MiB,
 *   which leaves the rest of the 1.5 MiB to the object around it;
 * - Linux refuses to start a process with one `NAME=value` string longer than MAX_ARG_STRLEN,
 *   32 pages = 131,072 bytes including its terminating NUL (execve(2), "Limits on size of
 *   arguments and environment", https://man7.org/linux/man-pages/man2/execve.2.html): the pod is
 *   created, and the container then fails to start with "argument list too long".
 * The services' pods have one container, so the per-pod limit is the per-container one.
 */
import { show, type Problem } from '../problem';

/** The most bytes of names and values in one pod's environment. */
export const MAX_POD_ENV_BYTES = 1024 * 1024;
/** The longest `NAME=value` (bytes, without the NUL) a process can be started with. */
export const MAX_ENV_STRING_BYTES = 32 * 4096 - 1;

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;
const count = (n: number) => n.toLocaleString('en-US');

/** Problems with the size of a container's environment, paths relative to it (`env`, `env.<NAME>`). */
export function checkEnvSize(env: Readonly<Record<string, string>>): Problem[] {
  const problems: Problem[] = [];
  let total = 0;
  for (const [name, value] of Object.entries(env)) {
    total += bytes(name) + bytes(value);
    const entry = bytes(`${name}=${value}`);
    if (entry > MAX_ENV_STRING_BYTES) {
      problems.push({
        path: `env.${name}`,
        message:
          `must be at most ${count(MAX_ENV_STRING_BYTES)} bytes as NAME=value (Linux's MAX_ARG_STRLEN: the container would not start), ` +
          `got ${count(entry)} bytes (${show(value)}); mount large values from a ConfigMap or Secret as files`,
      });
    }
  }
  if (total > MAX_POD_ENV_BYTES) {
    problems.push({
      path: 'env',
      message:
        `must total at most ${count(MAX_POD_ENV_BYTES)} bytes of names and values (1 MiB, Kubernetes' ConfigMap limit; the Deployment, its ReplicaSets ` +
        `and Pods each carry them and etcd refuses objects over 1.5 MiB), got ${count(total)} bytes in ${Object.keys(env).length} variables; ` +
        'mount large values from a ConfigMap or Secret as files',
    });
  }
  return problems;
}
