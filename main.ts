// Composition root: `npm run synth` and cdktf's app command. The synth command reads
// PLATFORM_CONFIG / CDKTF_OUTDIR from the environment it is given and synthesizes every stack;
// all logic lives in src/ (parse -> check -> resolve in src/config, then src/app.ts builds the stacks); tests build the same app from there.
import { startCommand } from './src/cli/command';
import { run } from './src/cli/synth';

startCommand('synth', run);
