// Configuration files as files: UTF-8 only, and every syntax error (an alias bomb included)
// names the file and, where it can, the line and column.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/synth';
import { loadConfig, parseConfigText } from '../../src/config/load';
import { decodeConfigText } from '../../src/config/parse';
import { formatProblem } from '../../src/config/problems';
import { problemsFrom } from '../support/config';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';

let dir: string;
beforeEach(() => {
  dir = tempDir('config-files-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The problems of loading `file`, as "path: message" lines. */
async function loadProblems(file: string): Promise<string[]> {
  try {
    await loadConfig(file);
    return [];
  } catch (error) {
    return problemsFrom(() => {
      throw error;
    }).map(formatProblem);
  }
}

function textProblems(text: string, fileName: string): string[] {
  return problemsFrom(() => parseConfigText(text, fileName)).map(formatProblem);
}

describe('encoding', () => {
  it('refuses a Latin-1 file instead of reading "�" into the configuration, naming line and column', async () => {
    const file = write('platform.yaml', Buffer.from('project: faro\nowner: Renée\n', 'latin1'));
    expect(await loadProblems(file)).toEqual([
      `${file}:2:11: must be UTF-8 text, got byte E9 that is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8`,
    ]);
  });

  it('refuses UTF-16 by its byte order mark', async () => {
    const file = write('platform.yaml', Buffer.from('\ufeffproject: faro\n', 'utf16le'));
    expect(await loadProblems(file)).toEqual([`${file}: must be UTF-8 text, got UTF-16 (byte order mark FF FE); save the file as UTF-8`]);
  });

  it('reads UTF-8 with or without a byte order mark, and a "�" the file itself contains', () => {
    expect(decodeConfigText(Buffer.from('\ufeffowner: Renée\n', 'utf8'), 'p.yaml')).toBe('owner: Renée\n');
    expect(decodeConfigText(Buffer.from('owner: �\n', 'utf8'), 'p.yaml')).toBe('owner: �\n');
    // A real replacement character before the bad byte does not move the column.
    expect(problemsFrom(() => decodeConfigText(Buffer.concat([Buffer.from('owner: � x ', 'utf8'), Buffer.from([0xe9, 0xe9, 0x41])]), 'p.yaml')).map(formatProblem)).toEqual([
      'p.yaml:1:12: must be UTF-8 text, got bytes E9 E9 that are not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8',
    ]);
  });

  it('synth exits 1 with the message and no stack trace', async () => {
    const file = write('platform.yaml', Buffer.from('project: caf\xe9\n', 'latin1'));
    const { code, err } = await runCli(run, [], { PLATFORM_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'out') });
    expect(code).toBe(1);
    expect(err[0]).toBe(`${file}:1:13: must be UTF-8 text, got byte E9 that is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8`);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});

describe('YAML', () => {
  it('names the file, line and column of a syntax error, once', () => {
    expect(textProblems('project: faro\nowner: platform: team\nenvironments: {}\n', 'platform.yaml')).toEqual([
      'platform.yaml:2:8: is not valid YAML: Nested mappings are not allowed in compact mappings',
    ]);
    expect(textProblems('project: faro\nproject: other\n', 'platform.yaml')).toEqual(['platform.yaml:2:1: is not valid YAML: Map keys must be unique']);
  });

  it('refuses an alias bomb ("billion laughs") with the file and the line of its first alias', () => {
    const bomb = [
      'project: faro',
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    expect(textProblems(bomb, 'bomb.yaml')).toEqual([
      'bomb.yaml:3:8: must not expand YAML aliases into more than 100 nodes (a guard against "billion laughs" documents), got more from the aliases starting here; write the repeated values out',
    ]);
    // A few aliases are fine.
    expect(parseConfigText('a: &a [1, 2]\nb: *a\n', 'ok.yaml')).toEqual({ a: [1, 2], b: [1, 2] });
  });
});

describe('JSON', () => {
  it('names the line and column of a syntax error, with the character', () => {
    expect(textProblems('{\n  "project": "faro",\n  "owner": }\n', 'platform.json')).toEqual(['platform.json:3:12: is not valid JSON: unexpected "}"']);
    expect(textProblems('{\n  "project": "faro" "owner"\n}', 'platform.json')).toEqual([
      `platform.json:2:21: is not valid JSON: Expected ',' or '}' after property value (unexpected "\\"")`,
    ]);
    expect(textProblems('{"project": "faro"', 'platform.json')).toEqual([
      `platform.json:1:19: is not valid JSON: Expected ',' or '}' after property value (the text ends too early)`,
    ]);
  });
});
