import type { PushKind } from '../../types/push-kinds';
import { users } from '../core/identity';
import { defineCollection, type Doc } from '../core/store/docstore.port';

export interface MessageDoc extends Doc {
  userId: string;
  title: string;
  /** What happened, in words that carry no personal data (it is pushed too). */
  body: string;
  /** The personal part (a child's name, a reviewer's note, a reason), sealed; only the owner's inbox opens it. */
  detailEnc?: string;
  at: string;
  read: boolean;
  link?: string;
}

export const messages = defineCollection<MessageDoc>({ name: 'messages', indexes: [{ fields: ['userId', 'read', 'at'] }] });

/** A stored photo, keyed by a hash of its reference, with its owner. */
export interface UploadDoc extends Doc {
  ref: string;
  ownerId: string;
  bytes: number;
  at: string;
}

export const uploads = defineCollection<UploadDoc>({ name: 'uploads', indexes: [{ fields: ['ownerId', 'at'] }] });

/** `<userId>:<day>`: how many photos the user stored that Shanghai day. */
export interface UploadDayDoc extends Doc {
  count: number;
}

export const uploadDays = defineCollection<UploadDayDoc>({ name: 'upload_days', indexes: [] });

/** A subscribe message waiting for the scheduler to send it: what the inbox message says, never its detail. */
export interface QueuedPushDoc extends Doc {
  userId: string;
  kind: PushKind;
  title: string;
  body: string;
  link?: string;
  at: string;
  /** Taken by the tick sending it, so that overlapping ticks never send it twice. */
  sending: boolean;
}

export const queuedPushes = defineCollection<QueuedPushDoc>({ name: 'queued_pushes', indexes: [{ fields: ['sending', 'at'] }] });

export const ACCOUNT_COLLECTIONS = [users, messages, uploads, uploadDays, queuedPushes];
