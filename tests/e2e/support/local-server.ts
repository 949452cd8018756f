import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LocalServer {
  url: string;
  dataDir: string;
  /** Sends SIGTERM and answers the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  /** `start` is npm start (H5 app and API), `api` is npm run api. */
  command?: 'start' | 'api';
  /** Reuse a data directory (kept on stop); by default a fresh one, removed on stop. */
  dataDir?: string;
  seed?: 'demo' | 'none';
  admin?: string;
}

const ROOT = resolve(__dirname, '../../..');

/** The local server as a person runs it, on a free port; resolves once it prints that it accepts calls. */
export function startLocalServer(options: ServerOptions = {}): Promise<LocalServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rider-hub-e2e-'));
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [`server/${options.command ?? 'start'}.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      RIDER_HUB_DATA: dataDir,
      RIDER_HUB_SEED: options.seed ?? 'demo',
      ...(options.admin ? { RIDER_HUB_ADMIN: options.admin } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolveStart({
        url,
        dataDir,
        async stop() {
          child.kill('SIGTERM');
          const code = await exited;
          if (ownDir) rmSync(dataDir, { recursive: true, force: true });
          return code;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
