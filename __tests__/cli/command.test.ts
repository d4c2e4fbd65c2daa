// The one entry point every command runs behind: a refused configuration is printed once,
// in the shared form; anything else thrown is one line, never a stack trace.
import { ConfigError } from '../../src/config/problems';
import { ConfigRefused, refusing, type Command } from '../../src/cli/command';
import { runCli } from '../support/cli';

const problems = new ConfigError([
  { path: 'project', message: 'must be lower-case letters, got "Faro!"' },
  { path: 'aws.region', message: 'is required (string)' },
]);

describe('the command entry point', () => {
  it('passes argv and env through and returns the exit code', async () => {
    const echo: Command = async (argv, io) => {
      io.stdout.write(`${argv.join(' ')} ${io.env.PLATFORM_CONFIG}\n`);
      return 3;
    };
    expect(await runCli(echo, ['a', 'b'], { PLATFORM_CONFIG: 'p.yaml' })).toEqual({ code: 3, stdout: 'a b p.yaml\n', out: ['a b p.yaml'], err: [] });
  });

  it('prints a refused configuration: one line per problem, then its source and what was not done', async () => {
    const refused: Command = () => refusing('configuration p.yaml', 'nothing was planned', async () => Promise.reject(problems));
    expect(await runCli(refused)).toEqual({
      code: 1,
      stdout: '',
      out: [],
      err: ['project: must be lower-case letters, got "Faro!"', 'aws.region: is required (string)', 'configuration p.yaml has 2 problems; nothing was planned'],
    });
  });

  it('a ConfigError without context still gets the one form', async () => {
    const bare: Command = async () => {
      throw problems;
    };
    expect((await runCli(bare, [], {}, 'plan')).err.at(-1)).toBe('the configuration has 2 problems; plan did nothing');
  });

  it('anything else thrown: its message as one line, prefixed with the command, exit 1', async () => {
    const broken: Command = async () => {
      throw new Error('terraform not found');
    };
    expect(await runCli(broken, [], {}, 'plan')).toMatchObject({ code: 1, err: ['plan: terraform not found'] });
  });

  it('refusing leaves other errors alone', async () => {
    await expect(refusing('x', 'y', async () => Promise.reject(new Error('other')))).rejects.toThrow('other');
    await expect(refusing('x', 'y', async () => Promise.reject(problems))).rejects.toBeInstanceOf(ConfigRefused);
  });
});
