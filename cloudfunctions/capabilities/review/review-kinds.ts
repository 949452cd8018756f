import type { ZodType } from 'zod';
import { REVIEW_KIND_LABELS, type ReviewKindName } from '../../../types/review-labels';
import { maskText, openField, sealField } from '../../core/crypto';
import type { Ctx } from '../../core/runtime';
import type { SubmissionLimit } from '../../core/throttle';
import type { DocReader, Tx } from '../../core/store/docstore.port';
import type { ReviewDoc } from './collections';

export interface RelatedItem {
  id: string;
  title: string;
  distanceM?: number;
}

/**
 * What a kind of review item brings to the one queue: its payload, label, due time, how its title reads, and what
 * approving it does. Each kind lives in the domain that files it; `kinds.ts` lists them all. The approval effect runs
 * inside the transaction that marks the item approved, so it runs once.
 */
export interface ReviewKind<P extends Record<string, unknown> = Record<string, unknown>> {
  /** Its label is in types/review-labels.ts, where the client reads it too. */
  kind: ReviewKindName;
  dueHours: number;
  /** The stored payload's shape. */
  payload: ZodType<P>;
  title(payload: P): string;
  onApprove(tx: Tx, ctx: Ctx, item: ReviewDoc, payload: P): Promise<void>;
  /**
   * What approving does after the decision has committed, outside any transaction (e.g. placing an approved
   * enrolment on the seats, capabilities/seating/seating.ts). It must be safe to run again: what it leaves undone is finished later.
   */
  afterApprove?(ctx: Ctx, item: ReviewDoc, payload: P): Promise<void>;
  /** What a rejection does besides closing the item, in the same transaction (e.g. a case nobody will take). */
  onReject?(tx: Tx, ctx: Ctx, item: ReviewDoc, payload: P): Promise<void>;
  /** Optional message to the submitter on approval, e.g. how many points were credited. */
  approvedNotice?(payload: P): string;
  /**
   * The payload fields a submitter may amend when asked for more information (an object schema of optional
   * fields; anything else they send is dropped). Without it, an answer is a note only.
   */
  amendable?: ZodType<Partial<P>>;
  /** Checks amendments beyond their shape (e.g. that photos are the submitter's own uploads); throws when refused. */
  checkAmendment?(reader: Pick<DocReader, 'get'>, submitterId: string, changes: Partial<P>): Promise<void>;
  /** Other items a reviewer should see beside this one, e.g. possible duplicates. */
  related?(store: DocReader, item: ReviewDoc): Promise<RelatedItem[]>;
  /** A submitter may have only one open item of this kind at a time. */
  onePerSubmitter?: boolean;
  /** How many a person may file an hour and a day (DEFAULT_SUBMISSION_LIMIT when not given). */
  limit?: SubmissionLimit;
  /** Personal fields (string-valued): sealed at rest, in clear only for the submitter and reviewers, masked in lists. */
  sealed?: readonly (keyof P & string)[];
}

type Payload = Record<string, unknown>;

function mapSealed(fields: readonly string[] | undefined, payload: Payload, fn: (value: string) => string): Payload {
  if (!fields?.length) return payload;
  const out = { ...payload };
  for (const f of fields) if (typeof out[f] === 'string') out[f] = fn(out[f]);
  return out;
}

/** The payload as stored: the kind's personal fields sealed with the field key. */
export function sealPayload<P extends Payload>(kind: ReviewKind<P>, payload: P, fieldKey: Buffer): P {
  return mapSealed(kind.sealed, payload, (v) => sealField(v, fieldKey)) as P;
}

export function defineReviewKind<P extends Record<string, unknown>>(kind: ReviewKind<P>): ReviewKind<P> {
  return kind;
}

/** The note of the item's latest step (the decision being taken, in onApprove/onReject), in clear. */
export function latestNote(ctx: Ctx, item: ReviewDoc): string | undefined {
  const sealed = item.history[item.history.length - 1]?.noteEnc;
  return sealed ? openField(sealed, ctx.deps.secrets.fieldKey) : undefined;
}

/** A step's note as stored. */
export function sealedNote(note: string | undefined, fieldKey: Buffer): { noteEnc?: string } {
  return note ? { noteEnc: sealField(note, fieldKey) } : {};
}

/** A kind as the queue uses it, whatever its payload: the stored payload is parsed by the kind's schema first. */
export interface RegisteredKind {
  kind: ReviewKindName;
  label: string;
  dueHours: number;
  onePerSubmitter: boolean;
  title(payload: unknown): string;
  approve(tx: Tx, ctx: Ctx, item: ReviewDoc): Promise<void>;
  afterApprove(ctx: Ctx, item: ReviewDoc): Promise<void>;
  reject(tx: Tx, ctx: Ctx, item: ReviewDoc): Promise<void>;
  approvedNotice(item: ReviewDoc): string | undefined;
  /**
   * The stored payload with the submitter's amendments (sealed as stored), as far as the kind allows; null when they
   * do not parse. Run inside the respond transaction.
   */
  amend(reader: Pick<DocReader, 'get'>, item: ReviewDoc, changes: Payload | undefined, fieldKey: Buffer): Promise<Payload | null>;
  /** A clear payload as it is stored. */
  seal(payload: Payload, fieldKey: Buffer): Payload;
  /** The stored payload in clear, for the submitter and the reviewers. */
  open(payload: Payload, fieldKey: Buffer): Payload;
  /** The stored payload for lists: personal fields masked. */
  mask(payload: Payload, fieldKey: Buffer): Payload;
  related?(store: DocReader, item: ReviewDoc): Promise<RelatedItem[]>;
}

export function registered<P extends Record<string, unknown>>(k: ReviewKind<P>): RegisteredKind {
  const read = (payload: unknown) => k.payload.parse(payload);
  return {
    kind: k.kind,
    label: REVIEW_KIND_LABELS[k.kind],
    dueHours: k.dueHours,
    onePerSubmitter: k.onePerSubmitter ?? false,
    title: (payload) => k.title(read(payload)),
    approve: (tx, ctx, item) => k.onApprove(tx, ctx, item, read(item.payload)),
    afterApprove: async (ctx, item) => k.afterApprove?.(ctx, item, read(item.payload)),
    reject: async (tx, ctx, item) => k.onReject?.(tx, ctx, item, read(item.payload)),
    approvedNotice: (item) => k.approvedNotice?.(read(item.payload)),
    async amend(reader, item, changes, fieldKey) {
      if (!changes || !k.amendable) return item.payload;
      const parsed = k.amendable.safeParse(changes);
      if (!parsed.success) return null;
      await k.checkAmendment?.(reader, item.submitterId, parsed.data);
      return { ...item.payload, ...mapSealed(k.sealed, parsed.data, (v) => sealField(v, fieldKey)) };
    },
    seal: (payload, fieldKey) => mapSealed(k.sealed, payload, (v) => sealField(v, fieldKey)),
    open: (payload, fieldKey) => mapSealed(k.sealed, payload, (v) => openField(v, fieldKey)),
    mask: (payload, fieldKey) => mapSealed(k.sealed, payload, (v) => maskText(openField(v, fieldKey))),
    ...(k.related ? { related: k.related } : {}),
  };
}
