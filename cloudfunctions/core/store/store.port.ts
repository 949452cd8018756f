/**
 * The store port: small and domain-shaped, so that the embedded (SQLite) and the CloudBase adapter can both
 * implement it faithfully and pass one contract suite (tests/contract). Every method is async because CloudBase is.
 * Records carry instants as ISO strings in UTC.
 */
import type { HoursRule, LatLng, MealWindow, OrgKind, Role, StationService } from '../../../types/common';
import type { LiveStatus } from '../../../types/stations';
import type { ReviewStatus, ReviewStep } from '../../../types/review';

export interface UserRecord {
  id: string;
  openid: string;
  roles: Role[];
  displayName: string;
  orgId?: string;
  stationIds: string[];
  cadreOrgIds: string[];
  platform?: string;
  /** Encrypted with the field key (see core/crypto). */
  phoneEnc?: string;
  verified: boolean;
  createdAt: string;
}

export interface OrgRecord {
  id: string;
  name: string;
  kind: OrgKind;
  parentId?: string;
}

export interface StationRecord {
  id: string;
  name: string;
  orgId: string;
  location: LatLng;
  address: string;
  services: StationService[];
  hours?: HoursRule[];
  meals?: MealWindow[];
  mealPartner?: string;
  phone?: string;
  liveStatus: LiveStatus;
  published: boolean;
  createdAt: string;
}

export interface NearQuery {
  center: LatLng;
  radiusM: number;
  limit: number;
  /** Every one of these services must be offered. */
  services?: StationService[];
  /** Further filter applied in distance order before the limit (e.g. open now). */
  accept?: (station: StationRecord) => boolean;
}

export interface ReviewRecord {
  id: string;
  kind: string;
  status: ReviewStatus;
  orgId: string;
  title: string;
  submitterId: string;
  submittedAt: string;
  dueAt: string;
  decidedAt?: string;
  decidedBy?: string;
  payload: Record<string, unknown>;
  history: ReviewStep[];
  /** Optional place, for finding nearby duplicates (hazard reports). */
  location?: LatLng;
}

export interface ReviewListQuery {
  orgIds?: string[];
  submitterId?: string;
  status?: ReviewStatus;
  /** Several statuses (e.g. open = pending + needs-info); ignored when status is set. */
  statuses?: ReviewStatus[];
  kind?: string;
  /** Sort: items due before `now` first, then oldest submitted. */
  now: string;
  cursor?: string;
  limit: number;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorId: string;
  action: string;
  targetId: string;
  note?: string;
}

export interface MessageRecord {
  id: string;
  userId: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
  link?: string;
}

export interface LedgerRecord {
  id: string;
  userId: string;
  delta: number;
  reason: string;
  /** Unique: appending an entry whose key exists changes nothing. */
  key: string;
  at: string;
  note?: string;
  /** Board category this entry counts towards, if any. */
  category?: string;
  orgId?: string;
}

export interface CheckinRecord {
  id: string;
  stationId: string;
  riderId: string;
  at: string;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  day: string;
  pointsAwarded: number;
  nonce: string;
}

export interface IssuedCodeRecord {
  nonce: string;
  userId: string;
  shortCode: string;
  token: string;
  expiresAt: string;
  usedAt?: string;
  checkinId?: string;
}

export interface RewardRecord {
  id: string;
  name: string;
  cost: number;
  stock: number;
  description?: string;
  createdAt: string;
}

export interface RedemptionRecord {
  id: string;
  userId: string;
  rewardId: string;
  rewardName: string;
  cost: number;
  requestId: string;
  pickupCode: string;
  status: 'ready' | 'collected';
  at: string;
  collectedAt?: string;
  collectedBy?: string;
}

export interface StarRecord {
  id: string;
  orgId: string;
  month: string;
  category: string;
  userId: string;
  namedBy: string;
  at: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface Repos {
  users: {
    get(id: string): Promise<UserRecord | null>;
    byOpenid(openid: string): Promise<UserRecord | null>;
    getMany(ids: string[]): Promise<UserRecord[]>;
    /** Inserts; a second insert of the same openid is a conflict (StoreConflict). */
    insert(user: UserRecord): Promise<void>;
    update(user: UserRecord): Promise<void>;
  };
  orgs: {
    get(id: string): Promise<OrgRecord | null>;
    all(): Promise<OrgRecord[]>;
    insert(org: OrgRecord): Promise<void>;
  };
  stations: {
    get(id: string): Promise<StationRecord | null>;
    insert(station: StationRecord): Promise<void>;
    update(station: StationRecord): Promise<void>;
    /** Published stations within radiusM of center, nearest first, with the distance in metres. */
    near(q: NearQuery): Promise<{ station: StationRecord; distanceM: number }[]>;
  };
  reviews: {
    get(id: string): Promise<ReviewRecord | null>;
    insert(item: ReviewRecord): Promise<void>;
    /** Compare-and-set on status: writes only when the stored status is still `expected`; answers whether it did. */
    update(item: ReviewRecord, expected: ReviewStatus): Promise<boolean>;
    list(q: ReviewListQuery): Promise<Page<ReviewRecord>>;
    /** Items of a kind submitted at or after `since`, with a location (for duplicate hints). */
    recentWithLocation(kind: string, since: string): Promise<ReviewRecord[]>;
    /** Counts by status and kind, overdue count and decision durations (hours) since `monthStart`. */
    stats(orgIds: string[] | undefined, now: string, monthStart: string): Promise<{
      byStatus: Record<string, number>;
      byKind: Record<string, number>;
      overdue: number;
      decisionHours: number[];
    }>;
  };
  audit: {
    append(entry: AuditRecord): Promise<void>;
    list(targetId: string): Promise<AuditRecord[]>;
  };
  messages: {
    add(message: MessageRecord): Promise<void>;
    list(userId: string, cursor: string | undefined, limit: number): Promise<Page<MessageRecord>>;
    unread(userId: string): Promise<number>;
    markRead(userId: string, ids: string[]): Promise<void>;
  };
  ledger: {
    /** Appends and moves the balance; false (and no change) when the key exists already. */
    append(entry: LedgerRecord): Promise<boolean>;
    byKey(key: string): Promise<LedgerRecord | null>;
    balance(userId: string): Promise<number>;
    /** Sum of the entries, for invariant checks (may be slow). */
    sum(userId: string): Promise<number>;
    list(userId: string, cursor: string | undefined, limit: number): Promise<Page<LedgerRecord>>;
    /** Per user: number of positive entries of a category in [from, to) within an org. */
    board(orgIds: string[], category: string, from: string, to: string, limit: number): Promise<{ userId: string; count: number }[]>;
  };
  codes: {
    insert(code: IssuedCodeRecord): Promise<void>;
    get(nonce: string): Promise<IssuedCodeRecord | null>;
    byShortCode(shortCode: string, now: string): Promise<IssuedCodeRecord | null>;
    /** Marks the nonce used; false when it was used already. */
    markUsed(nonce: string, usedAt: string, checkinId: string): Promise<boolean>;
  };
  checkins: {
    insert(checkin: CheckinRecord): Promise<void>;
    get(id: string): Promise<CheckinRecord | null>;
    atStation(stationId: string, day: string): Promise<CheckinRecord[]>;
    /** Count of credited (points > 0) check-ins of a rider on a day, in all and at one station. */
    creditedOn(riderId: string, day: string, stationId: string): Promise<{ total: number; atStation: number }>;
  };
  rewards: {
    get(id: string): Promise<RewardRecord | null>;
    all(): Promise<RewardRecord[]>;
    insert(reward: RewardRecord): Promise<void>;
    /** Takes one from stock; false when none was left. */
    takeOne(id: string): Promise<boolean>;
  };
  redemptions: {
    insert(r: RedemptionRecord): Promise<void>;
    byRequest(userId: string, requestId: string): Promise<RedemptionRecord | null>;
    /** The redemption holding a pickup code: the uncollected one if any, else the latest (collected codes are reused). */
    byPickupCode(pickupCode: string): Promise<RedemptionRecord | null>;
    ofUser(userId: string): Promise<RedemptionRecord[]>;
    update(r: RedemptionRecord): Promise<void>;
  };
  stars: {
    insert(star: StarRecord): Promise<void>;
    find(orgId: string, month: string, category: string): Promise<StarRecord[]>;
    ofUser(userId: string): Promise<StarRecord[]>;
  };
}

export interface Store extends Repos {
  /**
   * Runs fn atomically: every repo call made through `tx` commits together or not at all. Adapters may retry fn on
   * a write conflict, so fn must not have side effects outside `tx`.
   */
  transaction<T>(fn: (tx: Repos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised by an adapter when a unique key already exists. */
export class StoreConflict extends Error {
  constructor(what: string) {
    super(`duplicate ${what}`);
    this.name = 'StoreConflict';
  }
}
