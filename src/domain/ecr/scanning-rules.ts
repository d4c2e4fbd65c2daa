import { show, type Problem } from '../problem';

export const SCAN_TYPES = ['BASIC', 'ENHANCED'] as const;
export const SCAN_FREQUENCIES = ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'] as const;
/** PutRegistryScanningConfiguration accepts at most two rules. */
export const MAX_SCANNING_RULES = 2;
/** ScanningRepositoryFilter's pattern: repository names with `*` wildcards. */
export const SCANNING_FILTER_PATTERN = /^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$/;

export interface ScanningRule {
  /** SCAN_ON_PUSH, CONTINUOUS_SCAN (ENHANCED only) or MANUAL. */
  readonly frequency: string;
  /** Wildcard repository filters, e.g. "*" or "faro-rag/*". */
  readonly filters: readonly string[];
}

export interface RegistryScanningProps {
  /** BASIC (free, on push) or ENHANCED (Amazon Inspector, continuous). @default BASIC */
  readonly scanType?: string;
  /** @default scan every repository on push */
  readonly rules?: readonly ScanningRule[];
}

/**
 * How ECR matches a scanning filter (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-filters.html,
 * "Filter wildcards"): a filter with no wildcard matches every repository name that contains it
 * (`prod` matches `repo-prod-repo`); `*` stands for zero or more characters.
 */
export function scanFilterMatches(filter: string, repositoryName: string): boolean {
  const pattern = filter.includes('*') ? filter : `*${filter}*`;
  const source = pattern.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${source}$`, 's').test(repositoryName);
}

/** What ECR does with a repository: scan it on push, continuously, or only when asked (MANUAL, BASIC) / never (OFF, ENHANCED). */
export type EffectiveScanFrequency = 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL' | 'OFF';

/**
 * The scan frequency ECR gives a repository under the registry scanning configuration (same page,
 * "Filters to choose which repositories are scanned"): with BASIC, a repository that matches no
 * scan-on-push filter is set to MANUAL; with ENHANCED, one that matches no filter has scanning
 * turned off, and a continuous filter wins over a scan-on-push filter. The repository's own
 * `scanOnPush` plays no part: ECR deprecated it in favour of the registry-level configuration
 * (Amazon ECR API Reference, PutImageScanningConfiguration).
 */
export function effectiveScanFrequency(scanType: string, rules: readonly ScanningRule[], repositoryName: string): EffectiveScanFrequency {
  const matching = new Set(rules.filter((rule) => rule.filters.some((filter) => scanFilterMatches(filter, repositoryName))).map((rule) => rule.frequency));
  if (scanType === 'ENHANCED') {
    if (matching.has('CONTINUOUS_SCAN')) return 'CONTINUOUS_SCAN';
    return matching.has('SCAN_ON_PUSH') ? 'SCAN_ON_PUSH' : 'OFF';
  }
  return matching.has('SCAN_ON_PUSH') ? 'SCAN_ON_PUSH' : 'MANUAL';
}

/** The platform's default: every repository scanned on push (BASIC scanning's free tier). */
export const DEFAULT_SCANNING_RULES: readonly ScanningRule[] = [{ frequency: 'SCAN_ON_PUSH', filters: ['*'] }];

/** A fresh copy of the default rules, for a configuration default (zod hands its default out as is). */
export function defaultScanningRules(): { frequency: (typeof SCAN_FREQUENCIES)[number]; filters: string[] }[] {
  return DEFAULT_SCANNING_RULES.map((rule) => ({ frequency: rule.frequency as (typeof SCAN_FREQUENCIES)[number], filters: [...rule.filters] }));
}

/** AWS's rules for the registry scanning configuration; paths relative to it (`rules[0].frequency`). */
export function checkScanning(props: RegistryScanningProps): Problem[] {
  const problems: Problem[] = [];
  const scanType = props.scanType ?? 'BASIC';
  const rules = props.rules ?? DEFAULT_SCANNING_RULES;
  if (!(SCAN_TYPES as readonly string[]).includes(scanType)) {
    problems.push({ path: 'type', message: `must be "BASIC" or "ENHANCED", got ${show(scanType)}` });
  }
  if (rules.length > MAX_SCANNING_RULES) {
    problems.push({ path: 'rules', message: `must have at most ${MAX_SCANNING_RULES} rules (AWS's limit), got ${rules.length}` });
  }
  rules.forEach((rule, i) => {
    if (!(SCAN_FREQUENCIES as readonly string[]).includes(rule.frequency)) {
      problems.push({ path: `rules[${i}].frequency`, message: `must be one of ${SCAN_FREQUENCIES.map((f) => show(f)).join(', ')}, got ${show(rule.frequency)}` });
    } else if (rule.frequency === 'CONTINUOUS_SCAN' && scanType !== 'ENHANCED') {
      problems.push({ path: `rules[${i}].frequency`, message: `must be "SCAN_ON_PUSH" or "MANUAL" with type ${show(scanType)} (continuous scanning needs type "ENHANCED"), got "CONTINUOUS_SCAN"` });
    }
    if (!rule.filters.length) problems.push({ path: `rules[${i}].filters`, message: 'must list at least one repository filter, got []' });
    rule.filters.forEach((filter, k) => {
      if (filter.length > 256 || !SCANNING_FILTER_PATTERN.test(filter)) {
        problems.push({ path: `rules[${i}].filters[${k}]`, message: `must be a repository name with "*" wildcards (${SCANNING_FILTER_PATTERN.source}, at most 256 characters), got ${show(filter)}` });
      }
    });
  });
  return problems;
}

