/** What childcare and volunteers read of a programme: its sessions, its capacity for volunteers, who acts for it. */
import { PROGRAMME_LIMITS, type Session } from '../../../types';
import { inOversight, isStaffOf, scopeOf, type OrgNode } from '../../core/access';
import type { UserDoc } from '../../core/identity';
import type { DocReader } from '../../core/store/docstore.port';
import { programmes, type ProgrammeDoc } from './collections';

export function getProgramme(store: Pick<DocReader, 'get'>, id: string): Promise<ProgrammeDoc | null> {
  return store.get(programmes, id);
}

/** Volunteers each of the programme's sessions takes. */
export function volunteerCapacity(programme: Pick<ProgrammeDoc, 'volunteersPerSession'>): number {
  return programme.volunteersPerSession ?? PROGRAMME_LIMITS.volunteersPerSession;
}

export function sessionOn(programme: Pick<ProgrammeDoc, 'sessions'>, date: string): Session | undefined {
  return programme.sessions.find((s) => s.date === date);
}

/** Staff of the station that hosts the programme. */
export function isSiteStaff(user: UserDoc, programme: Pick<ProgrammeDoc, 'site'>): boolean {
  return programme.site.stationId !== undefined && isStaffOf(user, programme.site.stationId);
}

/** A cadre whose committees' subtrees hold the programme's committee (admins are not cadres by rank here). */
export function isCadreInScope(user: UserDoc, orgs: readonly OrgNode[], orgId: string): boolean {
  return user.roles.includes('cadre') && inOversight(scopeOf(orgs, user.cadreOrgIds), orgId);
}

/** A session's start and end as instants (session times are Shanghai wall-clock times, UTC+8 all year). */
export function sessionInstants(s: Pick<Session, 'date' | 'start' | 'end'>): { start: Date; end: Date } {
  return { start: new Date(`${s.date}T${s.start}:00+08:00`), end: new Date(`${s.date}T${s.end}:00+08:00`) };
}
