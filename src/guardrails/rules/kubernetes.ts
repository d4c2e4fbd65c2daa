import { containers, parseImage, type ContainerFacts } from '../kubernetes-containers';
import { quote, violation, type Rule, type RuleContext, type Violation } from '../rule';
import { blocks, isToken } from '../synthesized';
import { allowedRepoEntryFlaw } from '../../domain/kubernetes/admission';

function where(container: ContainerFacts): string {
  return `${container.init ? 'init container' : 'container'} ${quote(container.name)}`;
}

export const noLatestInProduction: Rule = {
  id: 'K8S-001',
  level: 'error',
  rationale: 'Production runs a known version: "latest" (or no tag) changes under a running deployment and cannot be rolled back.',
  fix: 'Set a version tag (kubernetes.services[].tag, or its environments.<env>.tag) or a digest.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const container of containers(platform)) {
      if (!container.image || isToken(container.image) || !platform.isProductionStack(container.element.stack)) continue;
      const image = parseImage(container.image);
      if (image.digest) continue;
      if (image.tag === undefined || image.tag === 'latest') {
        yield violation(container.element, `${where(container)} runs ${quote(container.image)} in production: ${image.tag ? 'the latest tag' : 'no tag, which means latest'}.`);
      }
    }
  },
};

export const requestsAndLimits: Rule = {
  id: 'K8S-002',
  level: 'error',
  rationale: 'Requests let the scheduler place pods; a memory limit keeps one pod from starving its node.',
  fix: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory (kubernetes.defaults.resources).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const container of containers(platform)) {
      // No CPU limit is required: CPU is compressible, and limits throttle latency-sensitive services.
      const missing = [
        ...['cpu', 'memory'].filter((r) => !container.requests[r]).map((r) => `requests.${r}`),
        ...(container.limits.memory ? [] : ['limits.memory']),
      ];
      if (missing.length) yield violation(container.element, `${where(container)} has no ${missing.join(', ')}.`);
    }
  },
};

export const probes: Rule = {
  id: 'K8S-003',
  level: 'error',
  rationale: 'A readiness probe keeps traffic off pods that cannot serve; a liveness probe restarts pods that hang.',
  fix: 'Add readiness_probe and liveness_probe (kubernetes.services[].probePath for HTTP, a TCP probe on the port otherwise).',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const container of containers(platform)) {
      if (container.init) continue;
      const missing = [...(container.readinessProbe ? [] : ['readiness_probe']), ...(container.livenessProbe ? [] : ['liveness_probe'])];
      if (missing.length) yield violation(container.element, `${where(container)} has no ${missing.join(' and no ')}.`);
    }
  },
};

export const nonRoot: Rule = {
  id: 'K8S-004',
  level: 'error',
  rationale: 'Containers run as a non-root user without privilege escalation, so a compromised process does not own the node.',
  fix: 'Set security_context run_as_non_root = true (or run_as_user > 0) and allow_privilege_escalation = false; never privileged.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    for (const container of containers(platform)) {
      const problems = [
        ...(container.runAsNonRoot === true || (container.runAsUser ?? 0) > 0 ? [] : ['may run as root (no run_as_non_root = true or run_as_user > 0)']),
        ...(container.privileged ? ['is privileged'] : []),
        ...(container.allowPrivilegeEscalation ? ['allows privilege escalation'] : []),
      ];
      if (problems.length) yield violation(container.element, `${where(container)} ${problems.join(', ')}.`);
    }
  },
};

export const admissionExactRepositories: Rule = {
  id: 'K8S-005',
  level: 'error',
  rationale: 'Gatekeeper\'s K8sAllowedRepos admits every image that starts with an entry: an entry that ends mid-name admits look-alike repositories, and a cache prefix admits its whole upstream registry.',
  fix: 'End each entry with ":" and "@" for one repository (the stack does this for registry.repositories), and list cached upstream images in kubernetes.admissionPolicy.cachedImages instead of a cache prefix.',
  *check({ platform }: RuleContext): Iterable<Violation> {
    const cachePrefixes = platform.ofType('aws_ecr_pull_through_cache_rule').map((r) => String(r.body.ecr_repository_prefix));
    for (const element of platform.ofType('kubernetes_manifest')) {
      const manifest = element.body.manifest;
      if (manifest?.kind !== 'K8sAllowedRepos') continue;
      for (const entry of blocks(manifest.spec?.parameters).flatMap((p) => (Array.isArray(p.repos) ? p.repos : []))) {
        if (typeof entry !== 'string' || isToken(entry)) continue;
        const flaw = allowedRepoEntryFlaw(entry);
        const path = entry.slice(entry.indexOf('/') + 1);
        const wholeCache = cachePrefixes.find((prefix) => path === `${prefix}/`);
        if (flaw === 'no-host-end') yield violation(element, `allowed repository ${quote(entry)} has no "/" after the registry host, so it also admits ${quote(`${entry}.attacker.example/app`)}.`);
        else if (flaw === 'mid-name') yield violation(element, `allowed repository ${quote(entry)} ends inside a name, so it also admits ${quote(`${entry}-x`)}.`);
        else if (wholeCache) yield violation(element, `allowed repository ${quote(entry)} admits every image of the upstream registry cached under ${quote(wholeCache)}.`);
      }
    }
  },
};

export const kubernetesRules: Rule[] = [noLatestInProduction, requestsAndLimits, probes, nonRoot, admissionExactRepositories];
