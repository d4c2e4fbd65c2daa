import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DataAwsEksClusterAuth } from '@cdktf/provider-aws/lib/data-aws-eks-cluster-auth';
import type { Construct } from 'constructs';
import { findingsOf, HOST, stack } from './support';

function deployment(scope: Construct, env: { name: string; value?: string; valueFrom?: any }[]): void {
  new DeploymentV1(scope, 'api', {
    metadata: { name: 'api' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { container: [{ name: 'api', image: `${HOST}/api:1.0.0`, env }] } },
    },
  });
}

describe('SEC-002 no secret in a literal environment value', () => {
  it('the attack: a password and an API key set as literals, in a Deployment and in a raw manifest', () => {
    const s = stack('workloads-dev', (scope) => {
      deployment(scope, [
        { name: 'DB_PASSWORD', value: 'hunter2' },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'SESSION_SECRET', valueFrom: { secretKeyRef: { name: 'api', key: 'session' } } },
      ]);
      new Manifest(scope, 'raw', {
        manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' }, spec: { containers: [{ name: 'raw', image: `${HOST}/raw:1.0.0`, env: [{ name: 'STRIPE_API_KEY', value: 'sk_live_x' }] }] } },
      });
    });
    const found = findingsOf('SEC-002', [s]);
    expect(found).toEqual([
      {
        ruleId: 'SEC-002',
        level: 'error',
        stack: 'workloads-dev',
        resource: 'workloads-dev/api',
        message: 'container "api" sets DB_PASSWORD, which looks like a secret (PASSWORD), to a literal value.',
        fix: expect.stringContaining('secretKeyRef'),
      },
      expect.objectContaining({ resource: 'workloads-dev/raw', message: 'container "raw" sets STRIPE_API_KEY, which looks like a secret (API_KEY), to a literal value.' }),
    ]);
    expect(JSON.stringify(found)).not.toContain('hunter2');
  });
});

describe('SEC-003 no EKS token in plan or state', () => {
  it('the attack: the kubernetes provider takes its token from aws_eks_cluster_auth', () => {
    const s = stack('workloads-prod', (scope) => {
      const auth = new DataAwsEksClusterAuth(scope, 'eks-auth', { name: 'prod' });
      new KubernetesProvider(scope, 'kubernetes', { host: 'https://example', token: auth.token });
    });
    expect(findingsOf('SEC-003', [s])).toEqual([
      {
        ruleId: 'SEC-003',
        level: 'warning',
        stack: 'workloads-prod',
        resource: 'workloads-prod/eks-auth',
        message: 'the kubernetes provider takes its token from aws_eks_cluster_auth "prod", which Terraform keeps in the plan and the state.',
        fix: expect.stringContaining('eksAuth: exec'),
      },
    ]);
  });

  it('an exec provider stores nothing', () => {
    const s = stack('workloads-prod', (scope) => {
      new KubernetesProvider(scope, 'kubernetes', { host: 'https://example', exec: [{ apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token'] }] });
    });
    expect(findingsOf('SEC-003', [s])).toEqual([]);
  });
});
