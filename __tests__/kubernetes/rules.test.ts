import { checkImageVersion, checkResources, checkServiceName, checkServiceSet, checkWorkloadSettings, checkNamespaceName } from '../../src/domain/kubernetes/rules';
import { DIGEST } from './helpers';

const prod = { environment: 'prod', production: true };
const dev = { environment: 'dev', production: false };

describe('names', () => {
  it.each(['rag-query', 'a', 'a1', 'a'.repeat(63)])('accepts the service name %j', (name) => {
    expect(checkServiceName(name)).toEqual([]);
  });

  it.each(['RAG', 'rag_query', '-rag', 'rag-', '1rag', '', 'a'.repeat(64), 'rag.query'])('refuses the service name %j', (name) => {
    expect(checkServiceName(name)).toEqual([{ path: '', message: expect.stringMatching(new RegExp(`^must be a DNS-1123 label .*, got ${JSON.stringify(name).replace(/[.]/g, '\\.')}$`)) }]);
  });

  it('accepts namespaces starting with a digit (DNS-1123) but not upper case', () => {
    expect(checkNamespaceName('1-rag')).toEqual([]);
    expect(checkNamespaceName('Rag')).toHaveLength(1);
  });
});

describe('checkResources', () => {
  it('accepts the defaults of the existing setup', () => {
    expect(checkResources({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } })).toEqual([]);
  });

  it('accepts requests equal to limits written differently', () => {
    expect(checkResources({ requests: { cpu: '0.5', memory: '1Gi' }, limits: { cpu: '500m', memory: '1024Mi' } })).toEqual([]);
  });

  it('refuses a request above its limit, naming both values', () => {
    expect(checkResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '500m', memory: '512Mi' } })).toEqual([
      { path: 'requests.cpu', message: 'must not be above limits.cpu ("500m"), got "1"' },
      { path: 'requests.memory', message: 'must not be above limits.memory ("512Mi"), got "1Gi"' },
    ]);
  });

  it('refuses what is not a quantity, zero, and memory in millibytes', () => {
    expect(checkResources({ requests: { cpu: '250 millicores', memory: '0' }, limits: { memory: '512m' } })).toEqual([
      { path: 'requests.cpu', message: 'must be a Kubernetes quantity such as "250m" or "0.5", got "250 millicores"' },
      { path: 'requests.memory', message: 'must be greater than 0, got "0"' },
      { path: 'limits.memory', message: 'must be bytes: a number with a decimal (k, M, G, T, P, E) or power-of-two (Ki, Mi, Gi, Ti, Pi, Ei) suffix, not "m" (milli/micro/nano, a fraction of a byte), got "512m"' },
    ]);
  });
});

describe('checkWorkloadSettings', () => {
  it('refuses fewer than one replica', () => {
    expect(checkWorkloadSettings({ replicas: 0 })).toEqual([{ path: 'replicas', message: 'must be at least 1, got 0' }]);
    expect(checkWorkloadSettings({ replicas: 1 })).toEqual([]);
  });

  it('checks autoscaling bounds and that a CPU request exists', () => {
    expect(checkWorkloadSettings({ autoscaling: { minReplicas: 0, maxReplicas: 0, targetCpuUtilization: 0 } })).toEqual([
      { path: 'autoscaling.minReplicas', message: 'must be at least 1, got 0' },
      { path: 'autoscaling.maxReplicas', message: 'must be at least minReplicas (0), got 0' },
      { path: 'autoscaling.targetCpuUtilization', message: 'must be a percentage of the CPU request, 1 or more, got 0' },
      { path: 'autoscaling', message: 'needs resources.requests.cpu (CPU utilization is a percentage of the request), got no CPU request' },
    ]);
    expect(checkWorkloadSettings({ autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 70 }, resources: { requests: { cpu: '250m' } } })).toEqual([]);
  });

  it('checks the probe path, env names, the UID and the topology skew', () => {
    expect(checkWorkloadSettings({ probePath: 'healthz', env: { 'LOG-LEVEL': 'x', OK_1: 'y' }, runAsUser: 0, topologySpread: { maxSkew: 0, whenUnsatisfiable: 'DoNotSchedule' } })).toEqual([
      { path: 'probePath', message: 'must be an HTTP path that starts with "/" (no spaces), got "healthz"' },
      { path: 'topologySpread.maxSkew', message: 'must be at least 1, got 0' },
      { path: 'env.LOG-LEVEL', message: 'must be named like a C identifier (letters, digits and _, not starting with a digit), got "LOG-LEVEL"' },
      { path: 'runAsUser', message: 'must be a non-root UID (1 or more), got 0' },
    ]);
  });
});

describe('checkImageVersion', () => {
  it('refuses latest in production only', () => {
    expect(checkImageVersion({ tag: 'latest' }, dev)).toEqual([]);
    expect(checkImageVersion({ tag: 'latest' }, prod)).toEqual([
      { path: 'tag', message: 'must not be "latest" in production environment "prod": pin a version tag (e.g. "1.4.2") or a digest, got "latest"' },
    ]);
  });

  it('accepts a digest instead of a tag, and refuses a malformed one', () => {
    expect(checkImageVersion({ digest: DIGEST }, prod)).toEqual([]);
    expect(checkImageVersion({ digest: 'sha256:abc' }, prod)).toEqual([{ path: 'digest', message: 'must be sha256: and 64 lower-case hex digits, got "sha256:abc"' }]);
  });

  it('needs a tag or a digest, and a tag in Docker grammar', () => {
    expect(checkImageVersion({}, dev)).toEqual([{ path: 'tag', message: 'must be set (or a digest) for environment "dev", got nothing' }]);
    expect(checkImageVersion({ tag: '.hidden' }, dev)[0].path).toBe('tag');
    expect(checkImageVersion({ tag: 'a'.repeat(129) }, dev)).toHaveLength(1);
  });
});

describe('checkServiceSet', () => {
  it('refuses duplicate names and ports and unknown or self dependencies', () => {
    expect(
      checkServiceSet([
        { name: 'a', port: 8000 },
        { name: 'b', port: 8000, dependsOn: ['a', 'c', 'b'] },
        { name: 'a', port: 8002 },
      ]),
    ).toEqual([
      { path: '[1].port', message: 'must be unique, got 8000 again (also "a")' },
      { path: '[2].name', message: 'must be unique, got "a" again (also [0])' },
      { path: '[1].dependsOn[1]', message: 'must be one of the services (a, b), got "c"' },
      { path: '[1].dependsOn[2]', message: 'must name another service, got its own name "b"' },
    ]);
  });
});
