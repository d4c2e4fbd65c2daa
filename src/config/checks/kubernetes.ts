import type { PlatformConfig } from '../schema';
import { show, under, type Problem } from '../../domain/problem';
import { checkImageVersion, checkLabelValue, checkNamespaceName, checkPort, checkServiceName, checkServiceSet, checkWorkloadSettings } from '../../domain/kubernetes/rules';
import { checkCachedImages } from '../../domain/kubernetes/admission';
import { rulePrefix } from '../../domain/pull-through-cache/upstreams';
import { configPathOf, resolveServices, urlVariableName, workloadEnvironments } from '../resolve/services';

const CLUSTER_DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Cross-field checks of the kubernetes section that a schema cannot express. Settings are
 * checked as each environment merges them, and each problem points at the layer that set
 * the value (kubernetes.defaults, kubernetes.environments.<env>, the service or its override).
 */
export function checkKubernetes(config: PlatformConfig): Problem[] {
  const k8s = config.kubernetes;
  if (!k8s) return [];
  const problems: Problem[] = [];
  const environments = Object.keys(config.environments);
  const isEnvironment = (key: string, path: string) => {
    if (!environments.includes(key)) problems.push({ path, message: `must be one of the environments (${environments.join(', ')}), got ${show(key)}` });
  };

  problems.push(...under('kubernetes.namespace', checkNamespaceName(k8s.namespace)));
  problems.push(...under('kubernetes.partOf', checkLabelValue(k8s.partOf)));
  if (!CLUSTER_DOMAIN.test(k8s.clusterDomain)) {
    problems.push({ path: 'kubernetes.clusterDomain', message: `must be a DNS domain such as cluster.local, got ${show(k8s.clusterDomain)}` });
  }
  Object.keys(k8s.clusters).forEach((key) => isEnvironment(key, `kubernetes.clusters.${key}`));
  Object.keys(k8s.environments).forEach((key) => isEnvironment(key, `kubernetes.environments.${key}`));

  k8s.services.forEach((service, index) => {
    const path = `kubernetes.services[${index}]`;
    problems.push(...under(`${path}.name`, checkServiceName(service.name)));
    problems.push(...under(`${path}.port`, checkPort(service.port)));
    Object.keys(service.environments ?? {}).forEach((key) => isEnvironment(key, `${path}.environments.${key}`));
  });
  problems.push(...under('kubernetes.services', checkServiceSet(k8s.services)));
  problems.push(...under('kubernetes.admissionPolicy.cachedImages', checkCachedImages(k8s.admissionPolicy.cachedImages, config.pullThroughCache.rules.map(rulePrefix))));

  // Each service as each environment that runs it sees it; a mistake in kubernetes.defaults
  // shows in every service and environment, so identical problems are reported once.
  for (const environment of workloadEnvironments(config).filter((env) => environments.includes(env))) {
    for (const definition of resolveServices(config, environment)) {
      const at = (relative: readonly Problem[]) => relative.map((p) => ({ path: configPathOf(definition, p.path), message: p.message }));
      problems.push(...at(checkWorkloadSettings(definition.settings)));
      problems.push(...at(checkImageVersion(definition, { environment, production: definition.production })));
      if (!definition.repository) {
        problems.push({
          path: `kubernetes.services[${definition.index}].${definition.repositoryKey === k8s.services[definition.index].repository ? 'repository' : 'name'}`,
          message: `must name a repository of registry.repositories (the image comes from there), got ${show(definition.repositoryKey)}; add it to registry.repositories or set repository`,
        });
      }
      const generated = new Set(definition.dependsOn.map(urlVariableName));
      for (const name of Object.keys(definition.settings.env ?? {}).filter((n) => generated.has(n))) {
        problems.push({ path: configPathOf(definition, `env.${name}`), message: `must not set ${name}: dependsOn derives it from the service definition, got ${show(name)}` });
      }
    }
  }
  return dedupe(problems);
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
