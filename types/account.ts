import { z } from 'zod';
import { id, type Role } from './common';

export interface User {
  id: string;
  roles: Role[];
  displayName: string;
  /** The rider's home committee. */
  orgId?: string;
  /** Stations this user is staff of. */
  stationIds?: string[];
  /** Committees this user is a cadre of. */
  cadreOrgIds?: string[];
  platform?: string;
  /** Masked, e.g. 138****5678; the clear number never leaves the server. */
  phone?: string;
  verified?: boolean;
  stars?: { month: string; category: string }[];
}

export interface InboxMessage {
  id: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
  link?: string;
}

const phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');

export const accountSchemas = {
  me: z.object({}),
  updateProfile: z.object({
    displayName: z.string().trim().min(1).max(20).optional(),
    orgId: id.optional(),
    phone: phone.optional(),
    platform: z.string().trim().min(1).max(30).optional(),
  }),
  grantRole: z
    .object({
      openid: z.string().trim().min(1).max(128),
      role: z.enum(['staff', 'cadre', 'admin']),
      stationId: id.optional(),
      orgId: id.optional(),
    })
    .refine((v) => v.role !== 'staff' || v.stationId, { message: '请指定驿站', path: ['stationId'] })
    .refine((v) => v.role !== 'cadre' || v.orgId, { message: '请指定团委', path: ['orgId'] }),
  messages: z.object({ cursor: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).default(20) }),
  readMessages: z.object({ ids: z.array(id).min(1).max(100) }),
};

export interface AccountApi {
  me: { output: { user: User } };
  updateProfile: { output: { user: User } };
  grantRole: { output: { user: User } };
  messages: { output: { messages: InboxMessage[]; unread: number; cursor?: string } };
  readMessages: { output: { unread: number } };
}
