/**
 * `npm run image-url -- [--helm] [--config <file>] <image>...`: prints each upstream image's
 * pull-through cache reference (or Helm values). The configuration is `--config`, else
 * PLATFORM_CONFIG, else the embedded example; the conversion lives in src/image-url.
 */
import { stringify } from 'yaml';
import { loadConfig } from '../config/load';
import { helmImageValues, ImageUrlError, toCachedImage } from '../image-url';
import { configurationSource, refusing, startCommand, type Command } from './command';
import { envValue, writeLine } from './io';

export const IMAGE_URL_USAGE = [
  'usage: npm run image-url -- [--helm] [--config <file>] <image>...',
  '  Prints each upstream image as pulled through this registry\'s pull-through cache, e.g.',
  '  nginx -> <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/nginx:latest',
  '  --helm           print image.registry, image.repository and image.tag values for a Helm chart',
  '  --config <file>  the platform configuration (default: PLATFORM_CONFIG, else the embedded example)',
].join('\n');

interface ParsedArgs {
  readonly helm: boolean;
  readonly help: boolean;
  readonly configPath?: string;
  readonly images: string[];
  readonly error?: string;
}

function parseArgs(args: readonly string[], configPath?: string): ParsedArgs {
  const images: string[] = [];
  let helm = false;
  let help = false;
  let config = configPath;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      images.push(...args.slice(i + 1));
      break;
    } else if (arg === '--helm') helm = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--config') {
      config = args[++i];
      if (config === undefined) return { helm, help, images, error: '--config needs a file name' };
    } else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
    else if (arg.startsWith('-')) return { helm, help, images, error: `unknown option ${arg}` };
    else images.push(arg);
  }
  return { helm, help, configPath: config, images };
}

/** Exit code 1 when an image or the configuration is bad; the other images are still converted. */
export const run: Command = async (argv, io) => {
  const out = (line: string) => writeLine(io.stdout, line);
  const err = (line: string) => writeLine(io.stderr, line);
  const args = parseArgs(argv, envValue(io, 'PLATFORM_CONFIG'));
  if (args.help) {
    out(IMAGE_URL_USAGE);
    return 0;
  }
  if (args.error || args.images.length === 0) {
    err(`image-url: ${args.error ?? 'name at least one image'}`);
    err(IMAGE_URL_USAGE);
    return 1;
  }

  const config = await refusing(`image-url: ${configurationSource(args.configPath)}`, 'no image was converted', () => loadConfig(args.configPath));
  let failed = 0;
  const documents: string[] = [];
  for (const image of args.images) {
    try {
      if (args.helm) {
        const values = helmImageValues(image, config);
        const set = Object.entries(values.image).map(([key, value]) => `image.${key}=${value}`).join(',');
        documents.push(`# ${image}\n# helm ... --set ${set}\n${stringify(values).trimEnd()}`);
      } else {
        out(toCachedImage(image, config).url);
      }
    } catch (caught) {
      if (!(caught instanceof ImageUrlError)) throw caught;
      err(`image-url: ${caught.message}`);
      failed++;
    }
  }
  if (documents.length) out(documents.join('\n---\n'));
  return failed ? 1 : 0;
};

if (require.main === module) startCommand('image-url', run);
