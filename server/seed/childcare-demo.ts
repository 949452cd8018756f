/**
 * Local mode's childcare demo: 骑士班 programmes for the coming weeks relative to the seed's now (one with a session
 * today, so the day's roster, attendance and volunteer clocking can be tried at once), and an approved volunteer
 * signed up for today's session.
 */
import { sealField } from '../../cloudfunctions/core/crypto';
import { newSeats } from '../../cloudfunctions/capabilities/seating/seating';
import { userIdOf } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { geoPoint } from '../../cloudfunctions/core/store/docstore.port';
import { shanghaiDay, inShanghai } from '../../cloudfunctions/core/time';
import { seats } from '../../cloudfunctions/features/childcare/collections';
import { programmes, type ProgrammeDoc } from '../../cloudfunctions/capabilities/programmes/collections';
import { sessionPlaces } from '../../cloudfunctions/features/volunteers/collections';
import { shifts, volunteers } from '../../cloudfunctions/capabilities/programmes/collections';
import type { Session } from '../../types';

export const DEMO_VOLUNTEER = 'demo-volunteer';
/** The programme with a session today: one seat, so a second guardian is waitlisted. */
export const DEMO_TODAY_PROGRAMME = 'demo-prog-today';

const pad = (n: number) => String(n).padStart(2, '0');

function day(now: Date, offset: number): string {
  return shanghaiDay(new Date(now.getTime() + offset * 86_400_000));
}

/** Today's session: from the hour before now to three hours later, kept inside the day. */
function todaySession(now: Date): Session {
  const hour = inShanghai(now).hour();
  return { date: shanghaiDay(now), start: `${pad(Math.max(0, hour - 1))}:00`, end: hour + 3 >= 24 ? '23:59' : `${pad(hour + 3)}:00`, course: '围棋' };
}

interface DemoProgramme {
  id: string;
  title: string;
  description: string;
  site: { name: string; address: string; stationId?: string };
  location: { lat: number; lng: number };
  ageMin: number;
  ageMax: number;
  capacity: number;
  sessions: Session[];
  requiresReview?: boolean;
}

function demoProgrammes(now: Date): DemoProgramme[] {
  const weekdays = (from: number, courses: string[], start: string, end: string) =>
    courses.map((course, i) => ({ date: day(now, from + i), start, end, course }));
  return [
    {
      id: DEMO_TODAY_PROGRAMME,
      title: '围棋体验小班（今日开课）',
      description: '驿站二楼活动室，志愿者老师带孩子下围棋，家长送完单来接。',
      site: { name: '魏塘街道小哥驿站（解放东路总站）', address: '嘉兴市嘉善县魏塘街道解放东路 168 号', stationId: 'st-weitang-hq' },
      location: { lat: 30.8419, lng: 120.9268 },
      ageMin: 5,
      ageMax: 12,
      capacity: 1,
      sessions: [todaySession(now), { date: day(now, 7), start: '14:00', end: '16:00', course: '围棋' }],
    },
    {
      id: 'demo-prog-winter',
      title: '寒假骑士班·魏塘',
      description: '骑手子女寒假托管：上午作业辅导，下午兴趣课程，提供午餐。',
      site: { name: '魏塘街道新时代文明实践站', address: '嘉兴市嘉善县魏塘街道谈公南路 58 号', stationId: 'st-weitang-hq' },
      location: { lat: 30.8372, lng: 120.9221 },
      ageMin: 6,
      ageMax: 12,
      capacity: 30,
      sessions: weekdays(10, ['作业辅导', '国际象棋', '武术', '街舞', '烘焙', '作业辅导', '阅读', '绘画'], '08:30', '16:30'),
    },
    {
      id: 'demo-prog-after-school',
      title: '四点半课堂·罗星',
      description: '放学后托管至 18:30，作业辅导和阅读，需审核报名。',
      site: { name: '罗星街道青少年宫', address: '嘉兴市嘉善县罗星街道亭桥南路 12 号' },
      location: { lat: 30.8302, lng: 120.9412 },
      ageMin: 7,
      ageMax: 12,
      capacity: 20,
      sessions: weekdays(3, ['作业辅导', '阅读', '科学实验', '作业辅导', '书法'], '16:30', '18:30'),
      requiresReview: true,
    },
  ];
}

export async function seedChildcare(deps: Deps, now: Date, upsert: (insert: () => Promise<void>) => Promise<void>): Promise<void> {
  const { store } = deps;
  const at = now.toISOString();
  const createdBy = userIdOf('demo-town-cadre', deps.secrets.fieldKey);
  for (const p of demoProgrammes(now)) {
    const firstDate = p.sessions[0]!.date;
    const doc: ProgrammeDoc = {
      _id: p.id,
      title: p.title,
      orgId: 'org-weitang',
      description: p.description,
      site: p.site,
      location: geoPoint(p.location),
      ageMin: p.ageMin,
      ageMax: p.ageMax,
      capacity: p.capacity,
      signupOpens: new Date(now.getTime() - 86_400_000).toISOString(),
      signupCloses: new Date(`${day(now, p.id === DEMO_TODAY_PROGRAMME ? 6 : 2)}T20:00:00+08:00`).toISOString(),
      requiresReview: p.requiresReview ?? false,
      sessions: p.sessions,
      firstDate,
      lastDate: p.sessions[p.sessions.length - 1]!.date,
      createdBy,
      createdAt: at,
    };
    await upsert(() => store.insert(programmes, doc));
    await upsert(() => store.insert(seats, newSeats(p.id, p.capacity)));
  }
  const volunteerId = userIdOf(DEMO_VOLUNTEER, deps.secrets.fieldKey);
  const key = deps.secrets.fieldKey;
  const certificates = [
    { kind: '急救证', expiresOn: day(now, 20) },
    { kind: '教师资格证', expiresOn: day(now, 900) },
  ];
  await upsert(() =>
    store.insert(volunteers, {
      _id: volunteerId,
      orgId: 'org-weitang',
      nameEnc: sealField('孙志愿', key),
      skills: ['作业辅导', '围棋', '急救'],
      certificatesEnc: sealField(JSON.stringify(certificates), key),
      status: 'approved',
      reviewId: 'demo-volunteer-review',
      appliedAt: at,
      approvedAt: at,
    }),
  );
  const today = todaySession(now);
  await upsert(() => store.insert(sessionPlaces, { _id: `${DEMO_TODAY_PROGRAMME}:${today.date}`, taken: 1 }));
  await upsert(() =>
    store.insert(shifts, {
      _id: `${DEMO_TODAY_PROGRAMME}:${today.date}:${volunteerId}`,
      programmeId: DEMO_TODAY_PROGRAMME,
      programmeTitle: '围棋体验小班（今日开课）',
      orgId: 'org-weitang',
      date: today.date,
      start: today.start,
      end: today.end,
      course: today.course,
      volunteerId,
      signedUpAt: at,
    }),
  );
}
