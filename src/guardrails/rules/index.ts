import type { Rule } from '../rule';
import { repositoryRules } from './repositories';
import { iamRules } from './iam';
import { pullThroughCacheRules } from './pull-through-cache';
import { stateRules } from './state';
import { kubernetesRules } from './kubernetes';
import { secretsRules } from './secrets';
import { ciRules } from './ci';

/** Every rule, in the order findings are reported. IDs are stable: suppressions and the README name them. */
export const RULES: readonly Rule[] = [...repositoryRules, ...iamRules, ...ciRules, ...pullThroughCacheRules, ...stateRules, ...kubernetesRules, ...secretsRules];
