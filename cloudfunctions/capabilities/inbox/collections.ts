import { defineCollection, type Doc } from '../../core/store/docstore.port';

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

export const INBOX_COLLECTIONS = [messages];
