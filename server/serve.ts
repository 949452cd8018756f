import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runSweeps } from '../cloudfunctions/scheduler/sweeps';
import { createGateway } from './gateway';
import { openLocalDeps, readConfig } from './local-deps';
import { consoleProgress, sinceStart } from './progress';

const SWEEP_MS = 60_000;

/** Starts the local gateway on loopback and stops cleanly on SIGTERM / SIGINT (every write is already committed). */
export async function serve(staticDir?: string): Promise<void> {
  const config = readConfig();
  const deps = await openLocalDeps(config, consoleProgress());
  const server = createGateway(deps, { filesDir: join(config.dataDir, 'files'), staticDir });
  server.listen(config.port, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`listening on http://127.0.0.1:${port} (ready in ${sinceStart()})\n`);
  });
  // What the cloud's timer trigger does (cloudfunctions/scheduler): reminders before consultations and activities.
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
