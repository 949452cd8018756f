/** Local mode's settings, from the environment: the port, the data directory, the seed and the admin's openid. */
import { resolve } from 'node:path';

export interface LocalConfig {
  port: number;
  dataDir: string;
  seed: 'demo' | 'none';
  adminOpenid: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const seed = env.RIDER_HUB_SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new Error(`RIDER_HUB_SEED must be demo or none, got ${seed}`);
  return {
    port,
    dataDir: resolve(env.RIDER_HUB_DATA ?? '.data'),
    seed,
    adminOpenid: env.RIDER_HUB_ADMIN ?? 'local-admin',
  };
}
