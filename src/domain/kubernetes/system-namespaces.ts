/**
 * Namespaces that Kubernetes makes and owns. Kubernetes' "Namespaces" page
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces):
 * a cluster "starts with four initial namespaces", default, kube-node-lease, kube-public and
 * kube-system, and "Avoid creating namespaces with the prefix kube-, since it is reserved for
 * Kubernetes system namespaces." A stack that created one would fail at apply ("already
 * exists"), and one that adopted it would delete it, with everything in it, on destroy. So such
 * a namespace is used as it exists: the workloads stack references it by name and never
 * manages it (nor labels it, so it enforces no Pod Security level of ours).
 */
export function isSystemNamespace(name: string): boolean {
  return name === 'default' || name.startsWith('kube-');
}

/** The message for a construct asked to create a system namespace. */
export const SYSTEM_NAMESPACE_RULE = 'must not be "default" or start with "kube-": Kubernetes creates and owns those namespaces, so they are used as they exist, never created';
