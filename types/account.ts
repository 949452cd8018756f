import { z } from 'zod';
import { cursor, id, line, text, type Role } from './common';

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
  /** Optional, for the committee's registry (摸清底数): the year of birth and League membership. */
  birthYear?: number;
  leagueMember?: boolean;
  /** Shows their display name on leaderboards and in the committee's rider lists (their choice; off until chosen). */
  listed?: boolean;
  /** Masked, e.g. 138****5678; the clear number never leaves the server. */
  phone?: string;
  verified?: boolean;
  stars?: { month: string; category: string }[];
  /** 最美骑手 honours: the round's title and id. */
  awards?: { title: string; round: string }[];
}

/** A person as an admin finds them before granting a role: no OPENID, the phone masked. */
export interface PersonMatch {
  /** The user number shown on the person's 我的 page. */
  id: string;
  displayName: string;
  roles: Role[];
  phone?: string;
  orgId?: string;
  verified: boolean;
}

/** Who a role is granted to: the OPENID (API.md) or the user number a person reads off their 我的 page. */
const someone = {
  openid: z.string().trim().min(1).max(128).optional(),
  userId: z
    .string()
    .trim()
    .regex(/^[\w-]{16}$/, '用户编号应为 16 位字母和数字')
    .optional(),
};
const oneOf = (v: { openid?: string; userId?: string }) => (v.openid ? 1 : 0) + (v.userId ? 1 : 0) === 1;
const ONE_OF = { message: '请指定一位用户（用户编号）', path: ['userId'] };

export interface InboxMessage {
  id: string;
  title: string;
  body: string;
  /** The personal part of the message (a name, a note, a reason): sealed at rest and never pushed. */
  detail?: string;
  at: string;
  read: boolean;
  link?: string;
}

const phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');

export const accountSchemas = {
  me: z.object({}),
  updateProfile: z.object({
    displayName: line(1, 20).optional(),
    orgId: id.optional(),
    phone: phone.optional(),
    platform: line(1, 30).optional(),
    birthYear: z.number().int().min(1930, '出生年份有误').max(2030, '出生年份有误').optional(),
    leagueMember: z.boolean().optional(),
    listed: z.boolean().optional(),
  }),
  grantRole: z
    .object({
      ...someone,
      role: z.enum(['staff', 'cadre', 'admin']),
      stationId: id.optional(),
      orgId: id.optional(),
    })
    .refine((v) => v.role !== 'staff' || v.stationId, { message: '请指定驿站', path: ['stationId'] })
    .refine((v) => v.role !== 'cadre' || v.orgId, { message: '请指定团委', path: ['orgId'] })
    .refine(oneOf, ONE_OF),
  /** Admin: people by name (its beginning), phone number or user number. */
  findPeople: z.object({ query: z.string().trim().min(1, '请输入姓名、手机号或用户编号').max(40) }),
  messages: z.object({ cursor: cursor.optional(), limit: z.number().int().min(1).max(100).default(20) }),
  readMessages: z.object({ ids: z.array(id).min(1).max(100) }),
  /** A rider asks to be verified as a courier / rider. */
  applyVerification: z.object({
    realName: line(2, 20),
    platform: line(1, 30),
    employer: line(1, 60),
    orgId: id.optional(),
    note: text(0, 200).optional(),
  }),
  /** WeChat: a photo just uploaded to cloud storage, to be checked and recorded for the caller. */
  registerUpload: z.object({
    fileId: z
      .string()
      .trim()
      .regex(/^cloud:\/\/[\w.\-/]{1,300}$/, '文件地址有误'),
  }),
  revokeRole: z
    .object({
      ...someone,
      role: z.enum(['staff', 'cadre', 'admin', 'counsellor', 'volunteer']),
      /** Only this station (staff) or committee (cadre); without it, the role goes entirely. */
      stationId: id.optional(),
      orgId: id.optional(),
    })
    .refine(oneOf, ONE_OF),
};

export interface AccountApi {
  me: { output: { user: User } };
  updateProfile: { output: { user: User } };
  grantRole: { output: { user: User } };
  messages: { output: { messages: InboxMessage[]; unread: number; cursor?: string } };
  readMessages: { output: { unread: number } };
  applyVerification: { output: { reviewId: string } };
  revokeRole: { output: { user: User } };
  findPeople: { output: { people: PersonMatch[] } };
  registerUpload: { output: { url: string } };
}
