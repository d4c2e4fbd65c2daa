/** A terraform.tfvars layout of an existing hand-written setup, and how it becomes a platform configuration. */
import type { z } from 'zod';
import type { PlatformConfigInput } from '../../../schema';
import type { TranslationNotes } from '../translation';

export type LayoutId = 'repos-ecr' | 'ecr-repository-objects' | 'module-inputs';

/**
 * Each layout declares its variables as Terraform would (types, required or optional) plus the
 * few platform variables a tfvars file of that layout lacks (account_id, ...), which the user
 * adds to the file or passes with `-var`.
 */
export interface TfvarsLayout {
  readonly id: LayoutId;
  /** A short name for messages: `global/repos-ecr`. */
  readonly name: string;
  /** The name with the variables that identify the layout, as the README lists it. */
  readonly title: string;
  /** Variables only this layout has: their presence identifies it. */
  readonly signature: readonly string[];
  /** Every variable the layout knows, with its Terraform type. */
  readonly variables: z.ZodObject;
  translate(values: Record<string, unknown>, notes: TranslationNotes): PlatformConfigInput;
}
