/**
 * Which pods may assume a role (one service account in one cluster) and the trust policy
 * that says so, for EKS Pod Identity and IRSA. Pure: the configuration check and the
 * ImageUpdaterRole construct share it.
 */
import type { PolicyStatement } from '../iam/policy-document';
import { show, type Problem } from '../problem';

export type PodRoleMechanism = 'pod-identity' | 'irsa';

/** Which pods may assume the role: one service account in one cluster. */
export interface PodRoleBinding {
  readonly mechanism: PodRoleMechanism;
  /** EKS cluster name. */
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** IRSA only: the cluster's OIDC issuer (`oidc.eks.<region>.amazonaws.com/id/<ID>`; `https://` is dropped). */
  readonly oidcIssuer?: string;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const OIDC_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/;

export function normalizeOidcIssuer(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/+$/, '');
}

/** Problems with a binding, with paths relative to it (`namespace`, `oidcIssuer`, ...). */
export function checkPodRoleBinding(binding: PodRoleBinding): Problem[] {
  const problems: Problem[] = [];
  if (!CLUSTER_NAME.test(binding.clusterName)) {
    problems.push({ path: 'clusterName', message: `must be an EKS cluster name (letters, digits, - and _; at most 100), got ${show(binding.clusterName)}` });
  }
  if (!DNS_LABEL.test(binding.namespace)) {
    problems.push({ path: 'namespace', message: `must be a Kubernetes namespace (lower-case DNS label, no wildcards), got ${show(binding.namespace)}` });
  }
  if (!DNS_SUBDOMAIN.test(binding.serviceAccount)) {
    problems.push({ path: 'serviceAccount', message: `must be a Kubernetes service account name (lower-case DNS name, no wildcards), got ${show(binding.serviceAccount)}` });
  }
  if (binding.mechanism === 'irsa') {
    if (binding.oidcIssuer === undefined) {
      problems.push({ path: 'oidcIssuer', message: 'is required with mechanism irsa (the cluster\'s issuer, oidc.eks.<region>.amazonaws.com/id/<ID>), got nothing' });
    } else if (!OIDC_ISSUER.test(normalizeOidcIssuer(binding.oidcIssuer))) {
      problems.push({ path: 'oidcIssuer', message: `must be an EKS OIDC issuer such as oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE, got ${show(binding.oidcIssuer)}` });
    }
  } else if (binding.oidcIssuer !== undefined) {
    problems.push({ path: 'oidcIssuer', message: `is only used with mechanism irsa (pod-identity needs no issuer), got ${show(binding.oidcIssuer)}` });
  }
  return problems;
}

/**
 * Trust for one service account. Pod Identity: the EKS service principal, pinned by the
 * session tags EKS sets (cluster, namespace, service account) and the account, since
 * without them any association in the account could use the role. IRSA: the cluster's
 * OIDC provider with `sub` and `aud` pinned.
 */
export function podTrustStatements(binding: PodRoleBinding, account: { accountId: string; partition: string }): PolicyStatement[] {
  if (binding.mechanism === 'pod-identity') {
    return [
      {
        Sid: 'EksPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': account.accountId,
            'aws:RequestTag/eks-cluster-name': binding.clusterName,
            'aws:RequestTag/kubernetes-namespace': binding.namespace,
            'aws:RequestTag/kubernetes-service-account': binding.serviceAccount,
          },
        },
      },
    ];
  }
  const issuer = normalizeOidcIssuer(binding.oidcIssuer ?? '');
  return [
    {
      Sid: 'EksServiceAccount',
      Effect: 'Allow',
      Principal: { Federated: `arn:${account.partition}:iam::${account.accountId}:oidc-provider/${issuer}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          [`${issuer}:aud`]: 'sts.amazonaws.com',
          [`${issuer}:sub`]: `system:serviceaccount:${binding.namespace}:${binding.serviceAccount}`,
        },
      },
    },
  ];
}
