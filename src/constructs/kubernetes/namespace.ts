import { Construct } from 'constructs';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { applicationLabels } from '../../domain/kubernetes/labels';
import { asPropErrors, checkLabelValue, checkNamespaceName } from '../../domain/kubernetes/rules';
import { show, under } from '../../domain/problem';
import { isSystemNamespace, SYSTEM_NAMESPACE_RULE } from '../../domain/kubernetes/system-namespaces';

export type PodSecurityStandard = 'restricted' | 'baseline' | 'privileged';

export interface WorkloadNamespaceProps {
  /** A DNS-1123 label. */
  readonly name: string;
  /** Value of the app.kubernetes.io/part-of label. */
  readonly partOf: string;
  /**
   * Pod Security Admission level the namespace enforces. Our Deployments meet `restricted`,
   * so a pod that does not (e.g. one added by hand) is refused.
   * @default restricted
   */
  readonly podSecurity?: PodSecurityStandard;
}

/** The namespace the services run in, labelled and with Pod Security Admission enforced; never `default` or `kube-*` (system-namespaces.ts). */
export class WorkloadNamespace extends Construct {
  readonly resource: NamespaceV1;
  readonly name: string;

  constructor(scope: Construct, id: string, props: WorkloadNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    const level = props.podSecurity ?? 'restricted';
    this.node.addValidation({
      validate: () =>
        asPropErrors('', [
          ...under('name', checkNamespaceName(props.name)),
          ...(isSystemNamespace(props.name) ? [{ path: 'name', message: `${SYSTEM_NAMESPACE_RULE}, got ${show(props.name)}` }] : []),
          ...under('partOf', checkLabelValue(props.partOf)),
        ]),
    });
    this.resource = new NamespaceV1(this, 'namespace', {
      metadata: {
        name: props.name,
        labels: {
          ...applicationLabels(props.partOf),
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/warn': level,
          'pod-security.kubernetes.io/audit': level,
        },
      },
    });
  }
}
