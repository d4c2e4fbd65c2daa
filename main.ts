// Composition root: read the environment, load the configuration, synthesize every stack.
// All logic lives in src/ (config -> constructs -> stacks -> app); tests build the same app from there.
import { runSynth } from './src/cli/synth';

runSynth({
  configPath: process.env.PLATFORM_CONFIG || undefined,
  outdir: process.env.CDKTF_OUTDIR || 'cdktf.out',
}).then((code) => {
  process.exitCode = code;
});
