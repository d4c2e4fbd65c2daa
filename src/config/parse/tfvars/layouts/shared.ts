/**
 * What every layout shares: the platform values a tfvars file does not carry (account, region,
 * project, owner, options), the sections every layout fills the same way, and the notes on adopting.
 */
import type { PlatformConfigInput } from '../../../schema';
import { tfBool, tfString, tfStringList } from '../types';
import type { TranslationNotes } from '../translation';

export const accountAndRegion = { account_id: tfString, region: tfString };
export const projectAndOwner = { project: tfString, owner: tfString };
export const platformOptions = {
  /** Environment names. @default the layout's own environment, or ["global"] */
  environments: tfStringList.optional(),
  /** Import the existing repositories instead of creating them. @default true */
  adopt: tfBool.optional(),
  /**
   * Import the account's GitHub OIDC provider into the access stack (an account has one per URL,
   * and the access stack makes one). @default adopt, for a setup whose github_repos used it; false otherwise
   */
  adopt_oidc_provider: tfBool.optional(),
};

export interface PlatformValues {
  account_id: string;
  region: string;
  project: string;
  owner: string;
  environments?: string[];
}

/** The sections every layout fills the same way: project, owner, aws, state, environments. */
export function platformSections(
  values: PlatformValues,
  state: { variable: string; bucket: string },
  /** `environments` when the file has none, from `variable`; `always` is added to the list in any case. */
  defaults: { variable: string; environments: readonly string[]; always?: string },
  notes: TranslationNotes,
): Pick<PlatformConfigInput, 'project' | 'owner' | 'aws' | 'state' | 'environments'> {
  notes.from('project', ['project']);
  notes.from('owner', ['owner']);
  notes.from('account_id', ['aws', 'accountId']);
  notes.from('region', ['aws', 'region']);
  notes.from(state.variable, ['state', 'bucket']);
  notes.from(values.environments ? 'environments' : defaults.variable, ['environments']);
  values.environments?.forEach((environment, index) => notes.from(`environments[${index}]`, ['environments', environment]));
  const environments = [...new Set([...(defaults.always ? [defaults.always] : []), ...(values.environments ?? defaults.environments)])];
  if (!values.environments) {
    notes.explain(
      ['environments'],
      defaults.environments.includes('global')
        ? 'The tfvars file names no environments, so "global" stands in: name yours (dev, prod, ...) before you add workloads.'
        : "The module's environment. Add the others (dev, prod, ...) before you add workloads.",
    );
  }
  return {
    project: values.project,
    owner: values.owner,
    aws: { accountId: values.account_id, region: values.region },
    state: { bucket: state.bucket },
    environments: Object.fromEntries(environments.map((environment) => [environment, {}])),
  };
}

export function adoptComment(notes: TranslationNotes): void {
  notes.explain(
    ['registry', 'repositories'],
    'adopt: true: the repository exists already, so the first plan imports it (and writes its lifecycle policy)\n' +
      'instead of creating it. A repository you add later is new: leave adopt out.',
  );
}

/** `access.github.adoptOidcProvider`, with the comment that says why. */
export function adoptOidcProvider(notes: TranslationNotes, adopt: boolean): { adoptOidcProvider?: true } {
  notes.from('adopt_oidc_provider', ['access', 'github', 'adoptOidcProvider']);
  if (!adopt) return {};
  notes.explain(
    ['access', 'github', 'adoptOidcProvider'],
    'The account has a GitHub OIDC provider already (one per account): import it. If another setup keeps managing it,\n' +
      'replace this line with existingOidcProviderArn: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
  );
  return { adoptOidcProvider: true };
}

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
