/**
 * The recommended labels (app.kubernetes.io/*), from one place. Selectors are a subset
 * of the pod template's labels by construction: `podLabels` spreads `selectorLabels`.
 * The selector leaves out `version`, which changes on every rollout, because a
 * Deployment's selector is immutable.
 */

export const MANAGED_BY = 'cdktf';

export const LABEL_KEYS = {
  name: 'app.kubernetes.io/name',
  partOf: 'app.kubernetes.io/part-of',
  version: 'app.kubernetes.io/version',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** A label value: at most 63 characters of [A-Za-z0-9._-], beginning and ending with an alphanumeric (or empty). */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export interface WorkloadIdentity {
  /** The service's name. */
  readonly name: string;
  /** The application the service belongs to. */
  readonly partOf: string;
}

/** Labels that identify a service's pods: used by the Deployment and Service selectors, the PDB and topology spread. */
export function selectorLabels(identity: WorkloadIdentity): Record<string, string> {
  return { [LABEL_KEYS.name]: identity.name, [LABEL_KEYS.partOf]: identity.partOf };
}

/** Every label a service's objects and pods carry. */
export function podLabels(identity: WorkloadIdentity & { readonly version: string }): Record<string, string> {
  return { ...selectorLabels(identity), [LABEL_KEYS.version]: identity.version, [LABEL_KEYS.managedBy]: MANAGED_BY };
}

/** Labels of objects that belong to the application but to no one service (the namespace). */
export function applicationLabels(partOf: string): Record<string, string> {
  return { [LABEL_KEYS.partOf]: partOf, [LABEL_KEYS.managedBy]: MANAGED_BY };
}

/**
 * Turns any text (an image tag, a digest) into a valid label value: other characters
 * become "-", at most 63 characters, alphanumeric at both ends.
 */
export function toLabelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

/** The version label of an image: its tag, or for a digest alone its algorithm and first 12 hex digits. */
export function versionLabel(image: { readonly tag?: string; readonly digest?: string }): string {
  if (image.tag) return toLabelValue(image.tag);
  if (image.digest) {
    const [algorithm, hex = ''] = image.digest.split(':');
    return toLabelValue(`${algorithm}-${hex.slice(0, 12)}`);
  }
  return '';
}
