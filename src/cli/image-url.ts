// `npm run image-url -- [--helm] [--config <file>] <image>...`: upstream image -> its pull-through cache reference.
// Thin entry point: reads the arguments and PLATFORM_CONFIG, the logic lives in src/image-url.
import { runImageUrl } from '../image-url/cli';

runImageUrl({ args: process.argv.slice(2), configPath: process.env.PLATFORM_CONFIG || undefined }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    // Not a user error (those are handled above): still one line, no stack trace.
    process.stderr.write(`image-url: ${error.message}\n`);
    process.exitCode = 1;
  },
);
