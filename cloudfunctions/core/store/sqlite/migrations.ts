/**
 * Schema migrations, applied in order once each (PRAGMA user_version records how many ran). Each table keeps the
 * whole record as JSON in `doc` and copies the fields it is queried by into indexed columns.
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE users (id TEXT PRIMARY KEY, openid TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
  CREATE TABLE orgs (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE stations (
    id TEXT PRIMARY KEY,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    published INTEGER NOT NULL,
    services TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  -- Covers the nearby query: the bounding box and the services filter are answered from the index alone.
  CREATE INDEX stations_lat_lng ON stations (lat, lng, services) WHERE published = 1;
  CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    org_id TEXT NOT NULL,
    submitter_id TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    decided_at TEXT,
    has_location INTEGER NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX reviews_org_status ON reviews (org_id, status, due_at, submitted_at);
  CREATE INDEX reviews_submitter ON reviews (submitter_id, submitted_at);
  CREATE INDEX reviews_decided ON reviews (decided_at) WHERE decided_at IS NOT NULL;
  CREATE INDEX reviews_kind_located ON reviews (kind, submitted_at) WHERE has_location = 1;
  CREATE TABLE audit (id TEXT PRIMARY KEY, target_id TEXT NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX audit_target ON audit (target_id, at);
  CREATE TABLE messages (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, at TEXT NOT NULL, read INTEGER NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX messages_user ON messages (user_id, at DESC, id DESC);
  CREATE TABLE ledger (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    delta INTEGER NOT NULL,
    at TEXT NOT NULL,
    category TEXT,
    org_id TEXT,
    doc TEXT NOT NULL
  );
  CREATE INDEX ledger_user ON ledger (user_id, at DESC, id DESC);
  CREATE INDEX ledger_board ON ledger (org_id, category, at) WHERE category IS NOT NULL;
  CREATE TABLE balances (user_id TEXT PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
  CREATE TABLE codes (
    nonce TEXT PRIMARY KEY,
    short_code TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    doc TEXT NOT NULL
  );
  CREATE INDEX codes_short ON codes (short_code, expires_at);
  CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    nonce TEXT NOT NULL UNIQUE,
    station_id TEXT NOT NULL,
    rider_id TEXT NOT NULL,
    day TEXT NOT NULL,
    points INTEGER NOT NULL,
    at TEXT NOT NULL,
    doc TEXT NOT NULL
  );
  CREATE INDEX checkins_station_day ON checkins (station_id, day, at);
  CREATE INDEX checkins_rider_day ON checkins (rider_id, day);
  CREATE TABLE rewards (id TEXT PRIMARY KEY, stock INTEGER NOT NULL CHECK (stock >= 0), created_at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE TABLE redemptions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    pickup_code TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (user_id, request_id)
  );
  CREATE TABLE stars (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    month TEXT NOT NULL,
    category TEXT NOT NULL,
    user_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (org_id, month, category, user_id)
  );
  CREATE INDEX stars_user ON stars (user_id);
  `,
  // Pickup codes are unique among uncollected redemptions only, so six digits never run out.
  `
  CREATE TABLE redemptions_v2 (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    pickup_code TEXT NOT NULL,
    ready INTEGER NOT NULL,
    at TEXT NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (user_id, request_id)
  );
  INSERT INTO redemptions_v2
    SELECT id, user_id, request_id, pickup_code, json_extract(doc, '$.status') = 'ready', at, doc FROM redemptions;
  DROP TABLE redemptions;
  ALTER TABLE redemptions_v2 RENAME TO redemptions;
  CREATE UNIQUE INDEX redemptions_ready_pickup ON redemptions (pickup_code) WHERE ready = 1;
  CREATE INDEX redemptions_pickup ON redemptions (pickup_code, at);
  CREATE INDEX redemptions_user ON redemptions (user_id, at);
  `,
];
