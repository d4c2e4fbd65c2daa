/**
 * npm run import-tfvars -- <terraform.tfvars> [-var name=value ...] [--out platform.yaml]
 *
 * Prints the platform configuration equivalent to an existing setup's terraform.tfvars
 * as commented YAML (or writes it with --out). Problems go to stderr, one line each,
 * with exit code 1.
 */
import * as fs from 'node:fs';
import { readConfigFile } from '../config/parse/text';
import { parseVarOption, translateTfvars } from '../config/parse/tfvars';
import { renderConfigYaml } from '../config/to-yaml';
import { refusing, startCommand, type Command } from './command';
import { writeLine } from './io';

export const USAGE = `Usage: npm run import-tfvars -- <terraform.tfvars> [-var name=value ...] [--out platform.yaml]

Prints the platform configuration (YAML) for an existing setup's terraform.tfvars.
  -var name=value   set a variable the file lacks, e.g. -var account_id=123456789012 (wins over the file)
  --out <file>      write the YAML to <file> instead of printing it`;

interface Arguments {
  file?: string;
  out?: string;
  vars: string[];
  help: boolean;
  mistakes: string[];
}

function parseArguments(argv: readonly string[]): Arguments {
  const args: Arguments = { vars: [], help: false, mistakes: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const inline = /^--?(var|out)=([\s\S]*)$/.exec(arg);
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (inline?.[1] === 'var') args.vars.push(inline[2]);
    else if (inline) args.out = inline[2];
    else if (arg === '-var' || arg === '--var' || arg === '--out' || arg === '-o') {
      const value = argv[++i];
      if (value === undefined) args.mistakes.push(`${arg} needs a value`);
      else if (arg.endsWith('var')) args.vars.push(value);
      else args.out = value;
    } else if (arg.startsWith('-')) args.mistakes.push(`unknown option ${arg}`);
    else if (args.file) args.mistakes.push(`one tfvars file at a time, got ${args.file} and ${arg}`);
    else args.file = arg;
  }
  if (!args.file && !args.help) args.mistakes.push('name the terraform.tfvars file to import');
  return args;
}

export const run: Command = async (argv, io) => {
  const args = parseArguments(argv);
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.mistakes.length) {
    args.mistakes.forEach((mistake) => writeLine(io.stderr, mistake));
    writeLine(io.stderr, USAGE);
    return 2;
  }
  const file = args.file!;
  return refusing(file, `nothing was ${args.out ? 'written' : 'printed'}`, async () => {
    const text = readConfigFile(file);
    const variables = Object.fromEntries(await Promise.all(args.vars.map(parseVarOption)));
    const translation = await translateTfvars(text, file, { variables });
    const passed = args.vars.length ? ` -var ${Object.keys(variables).join(' -var ')}` : '';
    const yaml = renderConfigYaml(translation.config, {
      header:
        `Translated from ${file}${passed} (the ${translation.layoutName} layout) by npm run import-tfvars.\n` +
        'Review it, then: PLATFORM_CONFIG=<this file> npm run synth. README: "Migrating an existing setup".',
      comments: translation.comments,
    });
    if (args.out) {
      fs.writeFileSync(args.out, yaml);
      writeLine(io.stderr, `Wrote ${args.out}`);
    } else {
      io.stdout.write(yaml);
    }
    return 0;
  });
};

if (require.main === module) startCommand('import-tfvars', run);
