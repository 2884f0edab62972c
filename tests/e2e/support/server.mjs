// Starts a Boussole server on a private copy of the reference database, for one test file.
//
//   const server = await startServer();   // { baseUrl, port, stop(), output() }
//   after(() => server?.stop());
//
// Environment (set by scripts/run-tests.sh):
//   BOUSSOLE_BINARY   absolute path of build/boussole
//   BOUSSOLE_TEST_DB  absolute path of the reference SQLite file (territories + catalogue)
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function requiredFile(variable) {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set (see scripts/run-tests.sh)`);
  if (!existsSync(value)) throw new Error(`${variable}=${value}: no such file`);
  return value;
}

// `databaseUrl`: serve that database instead of a copy of the SQLite reference.
// `env`: extra environment for the server (BOUSSOLE_SMTP_URL of a test's SMTP sink…).
export async function startServer({ databaseUrl, env = {} } = {}) {
  const binary = requiredFile('BOUSSOLE_BINARY');
  const dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-'));
  let database = databaseUrl;
  if (!database) {
    const referenceDb = requiredFile('BOUSSOLE_TEST_DB');
    const db = join(dir, 'boussole.db');
    copyFileSync(referenceDb, db);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(referenceDb + suffix)) copyFileSync(referenceDb + suffix, db + suffix);
    }
    database = `sqlite://${db}`;
  }

  const child = spawn(binary, ['--database', database, 'serve', '--port', '0'], {
    cwd: dir,
    env: { ...process.env, BOUSSOLE_ASSETS_DIR: process.env.BOUSSOLE_ASSETS_DIR || repoRoot,
           BOUSSOLE_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { output += chunk; });

  let exited = false;
  const exitPromise = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => { exited = true; resolveExit({ code, signal }); });
  });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, STOP_TIMEOUT_MS);
      await exitPromise;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const port = await new Promise((resolvePort, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /listening on [^\s:]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolvePort(Number(match[1]));
        }
      });
      child.on('error', (error) => { clearTimeout(timer); reject(error); });
      exitPromise.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}, signal ${signal}) before listening:\n${output}`));
      });
    });
    return { port, baseUrl: `http://127.0.0.1:${port}`, stop, output: () => output, pid: child.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
