// Every command in the README and `help` runs as written on a fresh clone: it begins with
// something a clone has (npm scripts, npx, terraform, the shell), never a bare `cdktf` (not on
// PATH after `npm ci`), and every `npm run <script>` names a script of package.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdktfArgs, IGNORE_MISSING, namedStacks } from '../../src/cli/cdktf';

const root = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const help = fs.readFileSync(path.join(root, 'help'), 'utf8');
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);

/** What a command may start with: the project's tools and the shell's. */
const RUNNABLE = new Set(['npm', 'npx', 'terraform', 'cd', 'cp', 'rm', 'aws', 'kubectl', 'helm', 'eval', 'for', 'do', 'done', 'echo', 'export', 'cat', 'test', 'pip', 'gh', '/usr/bin/time']);

/** The commands of shell code blocks (and `$ ` lines of text blocks): continuation lines joined, comments dropped, split at && ; | ||. */
function readmeCommands(text: string): string[] {
  const commands: string[] = [];
  for (const [, lang, body] of text.matchAll(/```(\w*)\n([\s\S]*?)```/g)) {
    if (!['sh', 'bash', 'shell', 'text'].includes(lang)) continue;
    const lines = body.replace(/\\\n\s*/g, ' ').split('\n');
    for (const raw of lines) {
      if (lang === 'text' && !raw.startsWith('$ ')) continue;
      const line = raw.replace(/^\$ /, '').replace(/(^|\s)#.*$/, '').trim();
      if (!line) continue;
      commands.push(...line.split(/&&|\|\||;|\|/).map((part) => part.trim()).filter(Boolean));
    }
  }
  return commands;
}

/** The first word, after any VAR=value assignments. */
function program(command: string): string {
  return command.split(/\s+/).find((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word)) ?? '';
}

/** Commands of `help`: each line's text after the indentation, up to the two-space gap before its description. */
function helpCommands(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/)[0])
    .filter((command) => /^(?:[A-Z_]+=\S*\s+)*(?:npm|npx|cdktf|cd|cat|terraform)\b/.test(command));
}

describe('README and help commands', () => {
  const commands = readmeCommands(readme);

  it('finds the commands (the extraction works)', () => {
    expect(commands).toEqual(expect.arrayContaining(['npm ci', 'npm run synth', 'npm run deploy -- bootstrap', 'terraform init -migrate-state']));
    expect(helpCommands(help)).toEqual(expect.arrayContaining(['npm run synth', 'npx cdktf synth', "npm run deploy -- '*'"]));
  });

  it('every README command begins with a runnable form, never a bare cdktf', () => {
    const bad = commands.filter((command) => !RUNNABLE.has(program(command)));
    expect(bad).toEqual([]);
    // Inline code in the prose too: `cdktf deploy ...` would be copied as written.
    expect(readme.match(/`cdktf [a-z]+[^`]*`/g) ?? []).toEqual([]);
  });

  it('no help line begins with a bare cdktf', () => {
    expect(helpCommands(help).filter((command) => program(command) === 'cdktf')).toEqual([]);
    expect(help.split('\n').filter((line) => /^\s*cdktf\s/.test(line))).toEqual([]);
  });

  it('every npm run names a script of package.json', () => {
    const used = [...`${commands.join('\n')}\n${help}\n${readme}`.matchAll(/npm run (?:--silent )?([a-z][\w:-]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(10);
    expect([...new Set(used)].filter((script) => !scripts.includes(script))).toEqual([]);
  });
});

describe('npm run deploy | destroy | diff', () => {
  it('adds --ignore-missing-stack-dependencies for named stacks of deploy and destroy', () => {
    expect(cdktfArgs('deploy', ['access'])).toEqual(['deploy', 'access', IGNORE_MISSING]);
    expect(cdktfArgs('deploy', ['registry', 'access', '--auto-approve'])).toEqual(['deploy', 'registry', 'access', '--auto-approve', IGNORE_MISSING]);
    expect(cdktfArgs('destroy', ['bootstrap'])).toEqual(['destroy', 'bootstrap', IGNORE_MISSING]);
  });

  it("keeps cdktf's check for every stack, for no stack, and does not add the flag twice", () => {
    expect(cdktfArgs('deploy', ['*'])).toEqual(['deploy', '*']);
    expect(cdktfArgs('deploy', ['--auto-approve'])).toEqual(['deploy', '--auto-approve']);
    expect(cdktfArgs('deploy', ['access', IGNORE_MISSING])).toEqual(['deploy', 'access', IGNORE_MISSING]);
  });

  it('diff passes its stack through (cdktf diff takes one stack and has no such flag)', () => {
    expect(cdktfArgs('diff', ['registry'])).toEqual(['diff', 'registry']);
  });

  it('an option value is not a stack name', () => {
    expect(namedStacks(['--var', 'x=1', '--output', 'out', 'registry'])).toEqual(['registry']);
    expect(cdktfArgs('deploy', ['--var', 'x=1'])).toEqual(['deploy', '--var', 'x=1']);
  });
});
