/**
 * A local stand-in of CloudBase's database HTTP API, for driving the unmodified `@cloudbase/node-sdk` in tests and
 * benches. Put `standin.env` into `process.env`, then `tcb.init({ env })`: the SDK POSTs every call to `url` with
 * a JSON body naming the action, EJSON strings for queries and documents, and reads `{ data }` or `{ code, message }`.
 *
 * Each CloudBase environment name (`envName` in the body) is its own empty database, so `tcb.init({ env: 'a' })` and
 * `tcb.init({ env: 'b' })` never see each other's documents. Collections must be created first (`createCollection`),
 * and `$nearSphere` needs a geo index, which only `declareGeoIndex` makes (the SDK cannot create indexes).
 */
import { EJSON } from 'bson';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONFLICT, Database, DbError, docIdOf, type Modification } from './database';

export interface StandinStats {
  /** Requests per action, e.g. `database.getDocument`. */
  requests: Record<string, number>;
  /** Write conflicts answered. */
  conflicts: number;
  total: number;
}

/** The round trip each request takes: `ms` on average, spread uniformly by ± `jitter` (a fraction) around it. */
export interface Latency {
  ms: number;
  jitter?: number;
}

export type ErrorForm = 'documented' | 'reported';

export interface WxCall {
  apiName: string;
  requestData: Record<string, unknown>;
}

export interface Standin {
  url: string;
  /** The process environment the SDK needs to talk to this stand-in (environment name `standin`). */
  env: Record<string, string>;
  /** Counts for one environment, or for all of them. */
  stats(envName?: string): StandinStats;
  resetStats(): void;
  /** Creates the geo index a `$nearSphere` query on collection.field needs, in every environment. */
  declareGeoIndex(collection: string, field: string): void;
  /** Forgets one environment's database (its statistics stay). */
  dropDatabase(envName: string): void;
  /**
   * Makes every request to one environment take a round trip like the cloud's (half of it before the database acts,
   * half after), so transactions hold their documents as long as they would there. None by default.
   */
  setLatency(envName: string, latency: Latency | null): void;
  /**
   * How one environment answers a lost write: `documented` (a write conflict as `DATABASE_TRANSACTION_CONFLICT`, an
   * existing `_id` as `DATABASE_DUPLICATE_WRITE`, the default) or `reported` (a conflict as HTTP 503, an existing
   * `_id` as `DATABASE_REQUEST_FAILED` with MongoDB's E11000 message): see db-errors.ts.
   */
  setErrorForm(envName: string, form: ErrorForm): void;
  /** The WeChat open-API calls (`callWxOpenApi`) one environment made; each is answered `errcode` 0. */
  wxCalls(envName: string): WxCall[];
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;

const parse = <T = Record<string, unknown>>(text: unknown, fallback?: T): T =>
  typeof text === 'string' && text !== '' ? (EJSON.parse(text, { relaxed: true }) as T) : (fallback as T);
const ejson = (value: unknown) => EJSON.stringify(value as Record<string, unknown>, { relaxed: false });

function modification(body: Body): Modification {
  return { merge: Boolean(body.merge), upsert: Boolean(body.upsert), multi: Boolean(body.multi), data: parse(body.data, {}) };
}

// The service documents the refusal but not its code; this one is its "unsupported operation" (spelled as it is).
const refused = (what: string) => new DbError('DATABASE_INVALID_OPERRATOR', `${what} is not allowed in a transaction`);

/** Runs one action on a database; answers the `data` of the reply, or throws DbError. */
async function handle(db: Database, action: string, body: Body): Promise<unknown> {
  const coll = String(body.collectionName ?? '');
  const txId = typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined;
  const query = parse(body.query, {});
  const docId = body.queryType === 'DOC' ? docIdOf(query) : null;
  if (txId && !['database.commitTransaction', 'database.abortTransaction', 'database.insertDocument'].includes(action) && docId === null) {
    throw refused(`${action} with a query`);
  }
  switch (action) {
    case 'database.addCollection':
      db.createCollection(coll);
      return {};
    case 'database.getDocument': {
      if (txId) return { list: db.inTx(txId, (tx) => db.txGet(tx, coll, docId as string)).map(ejson) };
      const options = {
        order: parse<Record<string, 1 | -1>>(body.order),
        offset: Number(body.offset ?? 0),
        limit: Number(body.limit ?? 0),
        projection: parse(body.projection),
      };
      const docs = docId !== null ? db.getById(coll, docId) : db.query(coll, query, options);
      return { list: docs.map(ejson) };
    }
    case 'database.calculateDocument':
      return { total: db.count(coll, query) };
    case 'database.aggregateDocuments': {
      const stages = (body.stages ?? []) as { stageKey: string; stageValue: string }[];
      return {
        list: db
          .aggregate(
            coll,
            stages.map((s) => ({ [s.stageKey]: parse(s.stageValue) })),
          )
          .map(ejson),
      };
    }
    case 'database.insertDocument': {
      const docs = ((body.data ?? []) as string[]).map((text) => parse(text));
      if (!txId) return { insertedIds: await db.insert(coll, docs) };
      const [doc] = docs;
      if (docs.length !== 1 || !doc) throw refused('a batch insert');
      return { insertedIds: [db.inTx(txId, (tx) => db.txInsert(tx, coll, doc))] };
    }
    case 'database.modifyDocument': {
      const m = modification(body);
      const { updated, upsertId } = txId ? db.inTx(txId, (tx) => db.txModify(tx, coll, docId as string, m)) : await db.modify(coll, query, m);
      return { updated, upsert_id: upsertId };
    }
    case 'database.removeDocument':
      return { deleted: txId ? db.inTx(txId, (tx) => db.txRemove(tx, coll, docId as string)) : await db.remove(coll, query, Boolean(body.multi)) };
    case 'database.startTransaction':
      return { transactionId: db.startTransaction() };
    case 'database.commitTransaction':
      db.commit(String(txId));
      return {};
    case 'database.abortTransaction':
      db.abort(String(txId));
      return {};
    default:
      throw new DbError('INVALID_PARAM', `the stand-in does not serve ${action}`);
  }
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body;
}

const emptyStats = (): StandinStats => ({ requests: {}, conflicts: 0, total: 0 });

export async function startCloudbaseStandin(): Promise<Standin> {
  const geoIndexes = new Set<string>();
  const databases = new Map<string, Database>();
  const stats = new Map<string, StandinStats>();
  const latencies = new Map<string, Latency>();
  const reportedForm = new Set<string>();
  const wxCalls = new Map<string, WxCall[]>();
  const wxApi = (envName: string, body: Body) => {
    wxCalls.set(envName, [...(wxCalls.get(envName) ?? []), { apiName: String(body.apiName), requestData: parse(body.requestData, {}) }]);
    return { responseData: JSON.stringify({ errcode: 0, errmsg: 'ok' }) };
  };
  const halfTrip = (envName: string) => {
    const latency = latencies.get(envName);
    if (!latency) return Promise.resolve();
    const ms = (latency.ms * (1 + (latency.jitter ?? 0) * (2 * Math.random() - 1))) / 2;
    return new Promise((resolve) => setTimeout(resolve, ms));
  };
  let requestSeq = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const requestId = `standin-${++requestSeq}`;
      let reply: Body;
      let envName = '';
      let status = 200;
      try {
        const body = await readJson(req);
        envName = String(body.envName ?? '');
        const action = String(body.action);
        const envStats = stats.get(envName) ?? emptyStats();
        stats.set(envName, envStats);
        envStats.requests[action] = (envStats.requests[action] ?? 0) + 1;
        envStats.total++;
        let db = databases.get(envName);
        if (!db) databases.set(envName, (db = new Database(geoIndexes)));
        await halfTrip(envName);
        try {
          const data = action === 'wx.api' ? wxApi(envName, body) : await handle(db, action, body);
          // The SDK reads a transaction id at the top level of the reply, everything else under `data`.
          reply = action === 'database.startTransaction' ? { requestId, ...(data as Body) } : { requestId, data };
        } catch (error) {
          if (error instanceof DbError && error.code === CONFLICT) envStats.conflicts++;
          throw error;
        }
      } catch (error) {
        let code = error instanceof DbError ? error.code : 'DATABASE_REQUEST_FAILED';
        if (reportedForm.has(envName) && code === CONFLICT) status = 503;
        if (reportedForm.has(envName) && code === 'DATABASE_DUPLICATE_WRITE') code = 'DATABASE_REQUEST_FAILED';
        reply = { requestId, code, message: error instanceof Error ? error.message : String(error) };
      }
      await halfTrip(envName);
      // Errors answer 200 (the SDK turns a body with `code` into a thrown error carrying that code) unless `reported`.
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    })();
  });
  // The stand-in never keeps a test process alive: neither its port nor its kept-alive connections.
  server.on('connection', (socket) => socket.unref());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    env: {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
      // Without it the SDK probes Tencent Cloud's metadata address before its first call.
      TENCENTCLOUD: 'true',
      // Requests are signed; the stand-in reads no signature, but the SDK refuses to send without keys.
      TENCENTCLOUD_SECRETID: 'standin',
      TENCENTCLOUD_SECRETKEY: 'standin',
      // What `tcb.SYMBOL_CURRENT_ENV` names.
      SCF_NAMESPACE: 'standin',
    },
    stats(envName) {
      if (envName !== undefined) return structuredClone(stats.get(envName) ?? emptyStats());
      const all = emptyStats();
      for (const s of stats.values()) {
        for (const [action, n] of Object.entries(s.requests)) all.requests[action] = (all.requests[action] ?? 0) + n;
        all.conflicts += s.conflicts;
        all.total += s.total;
      }
      return all;
    },
    resetStats() {
      stats.clear();
    },
    declareGeoIndex(collection, field) {
      geoIndexes.add(`${collection}.${field}`);
    },
    dropDatabase(envName) {
      databases.delete(envName);
      latencies.delete(envName);
    },
    setLatency(envName, latency) {
      if (latency) latencies.set(envName, latency);
      else latencies.delete(envName);
    },
    setErrorForm(envName, form) {
      if (form === 'reported') reportedForm.add(envName);
      else reportedForm.delete(envName);
    },
    wxCalls(envName) {
      return structuredClone(wxCalls.get(envName) ?? []);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
