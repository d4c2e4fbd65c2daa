/**
 * A Service's in-cluster DNS name: `<service>.<namespace>.svc.<cluster domain>`
 * (https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/, "Services").
 */
export function inClusterUrl(service: { readonly name: string; readonly port: number }, namespace: string, clusterDomain = 'cluster.local'): string {
  return `http://${service.name}.${namespace}.svc.${clusterDomain}:${service.port}`;
}
