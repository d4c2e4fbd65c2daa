// Composition root: `npm run synth` and cdktf's app command. The synth command reads
// PLATFORM_CONFIG / CDKTF_OUTDIR from the environment it is given and synthesizes every stack;
// all logic lives in src/ (config -> constructs -> stacks -> app); tests build the same app from there.
import { startCommand } from './src/cli/command';
import { run } from './src/cli/synth';

startCommand('synth', run);
