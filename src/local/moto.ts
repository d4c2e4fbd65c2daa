/**
 * A local AWS API for tests and `npm run local`: moto's server on a free loopback port,
 * answering as the configuration's account, stopped by its PID.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';

export const MOTO_INSTALL_HINT = 'moto_server was not found on PATH. Install it with: pip install "moto[server]==5.2.1"';

/**
 * Loaded by moto_server's Python at start-up (a `sitecustomize` module on PYTHONPATH): each
 * response of werkzeug's development server, headers and body, goes out in one write.
 *
 * Why: werkzeug writes the headers and then the body, in two writes, with `Connection: close`.
 * Under load, the AWS provider's HTTP client now and then closes the connection between the two.
 * tcpdump of a 1,000-repository apply showed the client's FIN right after the header segment,
 * and its RST when the body came. The AWS SDK then retries the call. A retried read is harmless.
 * A retried CreateRepository, which moto had already carried out, fails the apply with
 * RepositoryAlreadyExistsException.
 *
 * Measured on 2 cores:
 * - without this, 6 to 8 retries per apply, and 3 of 8 applies failed;
 * - with it, no retry in 4 applies.
 *
 * With a buffered writer, werkzeug's flush after the body sends both at once.
 */
const MOTO_SITECUSTOMIZE = `try:
    import werkzeug.serving
    werkzeug.serving.WSGIRequestHandler.wbufsize = -1
except ImportError:
    pass
`;

export interface MotoServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The last lines it printed, for error messages. */
  log(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Throws with the install command when moto_server is not on PATH. */
export function requireMotoServer(env: NodeJS.ProcessEnv): void {
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { env, stdio: 'ignore' });
  if (found.status !== 0) throw new Error(MOTO_INSTALL_HINT);
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer on ${url} within 30 s:\n${output()}`);
}

/**
 * Starts moto_server answering as `accountId` (MOTO_ACCOUNT_ID), so the provider's
 * `allowed_account_ids` holds. `env` is the environment the caller passes on (PATH).
 */
export async function startMoto(accountId: string, env: NodeJS.ProcessEnv): Promise<MotoServer> {
  requireMotoServer(env);
  const port = await freePort();
  const pythonPath = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-platform-moto-'));
  fs.writeFileSync(path.join(pythonPath, 'sitecustomize.py'), MOTO_SITECUSTOMIZE);
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...env, MOTO_ACCOUNT_ID: accountId, PYTHONPATH: [pythonPath, env.PYTHONPATH].filter(Boolean).join(path.delimiter) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Python has read the file once it is up; removed in any case when moto exits.
  void exited.then(() => fs.rmSync(pythonPath, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid!, stop, log: () => log };
}
