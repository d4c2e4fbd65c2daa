import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { applicationLabels } from '../../domain/kubernetes/labels';
import { asPropErrors, checkNamespaceName } from '../../domain/kubernetes/rules';
import { under } from '../../domain/problem';
import { allowedRepoEntryProblem } from '../../domain/kubernetes/admission';

export interface AllowedReposConstraintProps {
  /** Name of the constraint object. */
  readonly name: string;
  /** Namespaces whose pods the constraint applies to. */
  readonly namespaces: readonly string[];
  /**
   * Image prefixes a container image must start with (Gatekeeper compares with `startswith`):
   * each ends with `:` or `@` (exactly one repository, e.g. `<host>/faro-rag/rag-query:`) or `/`
   * (a namespace, e.g. `<host>/docker-hub/bitnami/`).
   */
  readonly repos: readonly string[];
  /** @default deny */
  readonly enforcementAction?: 'deny' | 'dryrun' | 'warn';
  /** Value of the app.kubernetes.io/part-of label. */
  readonly partOf: string;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An OPA Gatekeeper `K8sAllowedRepos` constraint (gatekeeper-library's template): pods in the
 * namespaces may only run images from the listed prefixes. Gatekeeper and the
 * `k8sallowedrepos` ConstraintTemplate must already be installed, because
 * `kubernetes_manifest` reads the constraint's CRD at plan time.
 */
export class AllowedReposConstraint extends Construct {
  readonly manifest: Manifest;

  constructor(scope: Construct, id: string, props: AllowedReposConstraintProps) {
    super(scope, id);
    this.node.addValidation({
      validate: () =>
        asPropErrors('', [
          ...(props.repos.length ? [] : [{ path: 'repos', message: 'must list at least one image prefix, got none' }]),
          ...props.repos.flatMap((repo, i) => {
            const message = allowedRepoEntryProblem(repo);
            return message ? [{ path: `repos[${i}]`, message }] : [];
          }),
          ...props.namespaces.flatMap((ns, i) => under(`namespaces[${i}]`, checkNamespaceName(ns))),
        ]),
    });
    this.manifest = new Manifest(this, 'constraint', {
      manifest: {
        apiVersion: 'constraints.gatekeeper.sh/v1beta1',
        kind: 'K8sAllowedRepos',
        metadata: { name: props.name, labels: applicationLabels(props.partOf) },
        spec: {
          enforcementAction: props.enforcementAction ?? 'deny',
          match: {
            kinds: [{ apiGroups: [''], kinds: ['Pod'] }],
            namespaces: [...props.namespaces],
          },
          parameters: { repos: [...props.repos] },
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
