import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runSweeps } from '../cloudfunctions/functions';
import { createGateway } from './gateway';
import { readConfig } from './local-config';
import { openLocalDeps } from './local-deps';
import { consoleProgress, sinceStart } from './progress';

const SWEEP_MS = 60_000;

/** Why the port cannot be had, in one line a person can act on (Chinese, then English), instead of a stack trace. */
function listenError(error: unknown, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new Error(
      `端口 ${port} 已被占用，请关闭占用它的程序或换一个端口（PORT=${port + 1} npm start） / port ${port} is already in use: stop what uses it or set PORT to another port`,
    );
  }
  if (code === 'EACCES') return new Error(`没有权限使用端口 ${port}，请换一个大于 1024 的端口 / no permission to listen on port ${port}: set PORT above 1024`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Starts the local gateway on loopback and stops cleanly on SIGTERM / SIGINT (every write is already committed). */
export async function serve(staticDir?: string): Promise<void> {
  const config = readConfig();
  const deps = await openLocalDeps(config, consoleProgress());
  const server = createGateway(deps, { filesDir: join(config.dataDir, 'files'), staticDir });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await deps.store.close();
    throw listenError(error, config.port);
  }
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port} (ready in ${sinceStart()})\n`);
  // What the cloud's timer trigger does (cloudfunctions/tasks/scheduler): reminders before consultations and activities.
  let sweeping = false;
  const sweeps = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    runSweeps(deps, deps.now())
      .catch((error: unknown) => console.error(`reminder sweep failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        sweeping = false;
      });
  }, SWEEP_MS);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeps);
    server.close(() => {
      deps.store.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
