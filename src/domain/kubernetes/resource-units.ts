/**
 * Which units each resource's quantity may use. Kubernetes accepts any quantity for any
 * resource, so a memory unit on CPU ("256Mi": 268 million cores) or a CPU unit on memory
 * ("512m": half a byte) passes the API and then never schedules, or starves the container.
 * Source: Kubernetes' "Resource Management for Pods and Containers", section "Resource units
 * in Kubernetes" (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes):
 * - CPU is measured in CPU units: an integer or a decimal ("1", "0.5") or millicpu ("250m");
 *   "Kubernetes doesn't allow you to specify CPU resources with a precision finer than 1m".
 * - Memory is measured in bytes: "a plain integer or as a fixed-point number using one of these
 *   quantity suffixes: E, P, T, G, M, k. You can also use the power-of-two equivalents: Ei, Pi,
 *   Ti, Gi, Mi, Ki" (and the exponent form, "1e9").
 * The grammar itself is the Quantity reference
 * (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/), see quantity.ts.
 */
import { show } from '../problem';
import type { Quantity } from './quantity';

export type ResourceName = 'cpu' | 'memory';

const BINARY_SUFFIXES = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUB_UNIT_SUFFIXES = ['n', 'u', 'm'];

/** The problem with a well-formed quantity's unit for this resource, or undefined when the unit fits. */
export function unitProblem(resource: ResourceName, quantity: Quantity, text: string): string | undefined {
  if (resource === 'cpu') {
    if (BINARY_SUFFIXES.includes(quantity.suffix)) {
      return `must be CPU units: cores (e.g. 1 or 0.5) or millicores (e.g. 250m); "${quantity.suffix}" is a power-of-two suffix for memory, got ${show(text)}`;
    }
    if (Math.round(quantity.value * 1e9) % 1e6 !== 0) {
      return `must be a whole number of millicores (Kubernetes allows no CPU precision finer than 1m), e.g. 250m or 0.001, got ${show(text)}`;
    }
    return undefined;
  }
  if (SUB_UNIT_SUFFIXES.includes(quantity.suffix)) {
    // Valid for Kubernetes, but "512m" is 0.512 bytes: always a typo for 512Mi.
    return `must be bytes: a number with a decimal (k, M, G, T, P, E) or power-of-two (Ki, Mi, Gi, Ti, Pi, Ei) suffix, not "${quantity.suffix}" (milli/micro/nano, a fraction of a byte), got ${show(text)}`;
  }
  return undefined;
}
