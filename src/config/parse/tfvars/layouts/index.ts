/**
 * The three terraform.tfvars layouts of existing hand-written setups (one file each), in the
 * order detection lists them.
 */
import type { TfvarsLayout } from './layout';
import { moduleInputs } from './module-inputs';
import { repositoryObjects } from './repository-objects';
import { reposEcr } from './repos-ecr';

export type { LayoutId, TfvarsLayout } from './layout';
export { hintFor, VARIABLE_HINTS } from './hints';

export const LAYOUTS: readonly TfvarsLayout[] = [reposEcr, repositoryObjects, moduleInputs];
