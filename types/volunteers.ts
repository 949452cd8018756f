import { z } from 'zod';
import type { VolunteerStatus } from './volunteer-labels';
import { id, line } from './common';

export * from './volunteer-labels';

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

export interface Certificate {
  kind: string;
  expiresOn: string;
  /** Expired, or expiring within 30 days. */
  expiresSoon: boolean;
}

export interface Shift {
  id: string;
  programmeId: string;
  programmeTitle: string;
  date: string;
  start: string;
  end: string;
  course: string;
  in?: string;
  out?: string;
  hours?: number;
}

export interface HoursEntry {
  id: string;
  programmeId: string;
  programmeTitle: string;
  date: string;
  hours: number;
  at: string;
}

export interface VolunteerSummary {
  userId: string;
  /** Masked. */
  name: string;
  orgId: string;
  skills: string[];
  certificates: Certificate[];
  certificateExpiring: boolean;
  hours: number;
}

export const volunteersSchemas = {
  apply: z.object({
    name: line(2, 20),
    orgId: id,
    skills: z.array(line(1, 20)).min(1).max(10),
    certificates: z
      .array(z.object({ kind: line(1, 30), expiresOn: day }))
      .max(6)
      .optional(),
  }),
  signUp: z.object({ programmeId: id, date: day }),
  /** A cadre of the programme's committee places a volunteer of any committee on it (or, with remove, takes it back). */
  place: z.object({ programmeId: id, volunteerId: id, remove: z.boolean().default(false) }),
  clock: z.object({ code: z.string().trim().min(4).max(600), programmeId: id, date: day, event: z.enum(['in', 'out']) }),
  hours: z.object({}),
  /** The caller's own volunteer record: status, certificates (flagged when expiring) and upcoming shifts. */
  profile: z.object({}),
  /** Cadres: the volunteers of their committees, certificates about to expire flagged. */
  list: z.object({ orgId: id.optional() }),
};

export interface VolunteersApi {
  apply: { output: { reviewId: string } };
  signUp: { output: { shift: Shift } };
  place: { output: { placed: boolean; programmeId: string; volunteer: { id: string; name: string } } };
  clock: { output: { shift: Shift; volunteerName: string; hours?: number } };
  hours: { output: { total: number; entries: HoursEntry[] } };
  profile: {
    output: {
      /** What a cadre of another committee needs to place this volunteer on a programme (`place`). */
      userId: string;
      status: VolunteerStatus;
      name?: string;
      orgId?: string;
      skills: string[];
      certificates: Certificate[];
      shifts: Shift[];
    };
  };
  list: { output: { volunteers: VolunteerSummary[] } };
}
