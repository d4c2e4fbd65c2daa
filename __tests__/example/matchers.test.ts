// The stacks with cdktf's own jest matchers, as a team would test its configuration.
// Matchers compare snake_case Terraform JSON: a camelCase key never matches, so every
// `.not` assertion here is paired with a positive one on the same resource.
import { Testing } from 'cdktf';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsEksCluster } from '@cdktf/provider-aws/lib/data-aws-eks-cluster';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { buildApp } from '../../src/app';
import { configWith } from '../support/config';

describe('cdktf matchers on the example platform', () => {
  const platform = buildApp(configWith());
  const registry = Testing.synth(platform.registry, true);
  const access = Testing.synth(platform.access, true);
  const workloads = Testing.synth(platform.workloads.prod, true);

  it('registry: immutable, scanned, encrypted repositories with lifecycle policies', () => {
    expect(registry).toHaveProvider(AwsProvider);
    expect(registry).toHaveResourceWithProperties(EcrRepository, {
      name: 'faro-rag/rag-query',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: expect.objectContaining({ scan_on_push: true }),
      encryption_configuration: [expect.objectContaining({ encryption_type: 'AES256' })],
    });
    expect(registry).toHaveResourceWithProperties(EcrRepository, { name: 'deployments', image_tag_mutability: 'MUTABLE' });
    expect(registry).not.toHaveResourceWithProperties(EcrRepository, { name: 'faro-rag/rag-query', image_tag_mutability: 'MUTABLE' });
    expect(registry).toHaveResource(EcrLifecyclePolicy);
  });

  it('access: one GitHub OIDC provider with the STS audience', () => {
    expect(access).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
    expect(access).not.toHaveResourceWithProperties(IamOpenidConnectProvider, { thumbprint_list: [] });
  });

  it('workloads: cluster access from EKS data sources, images from our registry', () => {
    expect(workloads).toHaveDataSourceWithProperties(DataAwsEksCluster, { name: 'faro-prod' });
    expect(workloads).toHaveResourceWithProperties(DeploymentV1, {
      metadata: expect.objectContaining({ name: 'rag-query', namespace: 'rag-services' }),
    });
    expect(workloads).not.toHaveResourceWithProperties(DeploymentV1, {
      metadata: expect.objectContaining({ name: 'rag-query', namespace: 'default' }),
    });
  });
});
