/**
 * Sealed means sealed everywhere: a marker is written through every sealed field and every notice that carries one,
 * and none is found in any file of the database (SQLite: the database and its write-ahead log), in any stored
 * document (both adapters), or in any push. The suite prints how many sealed fields it checked and found in clear.
 */
import { CHILD_CONSENT_VERSION } from '../../types';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { COLLECTIONS } from '../../cloudfunctions/functions';
import { buildOrg, buildPerson, buildStation, buildVolunteer } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { sendQueuedPushes } from '../../cloudfunctions/capabilities/inbox/send-pushes';

jest.setTimeout(120_000);

// Wednesday 18 November 2026, 08:00 in Shanghai.
const T0 = new Date('2026-11-18T00:00:00.000Z');
const at = (hhmm: string) => new Date(`2026-11-18T${hhmm}:00+08:00`);
let h: Harness;

/** Each sealed field (or notice detail) and the marker written through it; the callers' OPENIDs are markers too. */
const MARKS = {
  'users.openid': 'oMARK-openid-rider-7f3a',
  'users.phone': '13900007777',
  'verification.realName': '南宫无双',
  'verification.employer': '闪送东海特别分部',
  'review.note (submitted)': '工号MK-9981请核实',
  'stations.phone (application)': '0573-99887766',
  'stations.phone (change)': '0573-11223344',
  'children.name': '司马小雨点',
  'children.birthDate': '2017-03-29',
  'children.emergencyPhone': '13600001111',
  'children.school': '玄武湖实验小学',
  'children.allergies': '菠萝蜜和榴莲过敏',
  'volunteers.name': '欧阳志愿者',
  'volunteers.certificates': '高级急救员证MK',
  'bookings.topic': '婆婆拖欠工钱MK',
  'bookings.phone': '13700002222',
  'bookings.cancel reason (notice)': '临时加班MK来不了',
  'bookings.summary': '咨询总结MK已建议仲裁',
  'cases.summary': '转办说明MK需要法援',
  'cases.take note (notice)': '接办说明MK由张三跟进',
  'cases.step note': '办理记录MK已联系公司',
  'cases.close note': '办结说明MK已追回工资',
  'cases.rating comment': '评价MK非常感谢',
  'opinions.text': '递语内容MK驿站厕所坏了',
  'review.note (needs-info, notice)': '补充说明MK请上传照片',
  'review.note (respond)': '回复说明MK已补充',
  'review.note (reject, notice)': '驳回理由MK材料不全',
  'enrolment.note (approve, notice)': '审核说明MK欢迎入班',
} as const;

const RIDER = MARKS['users.openid'];
const pushed: unknown[] = [];

beforeAll(async () => {
  h = await createHarness(T0);
  // What is pushed (the OPENID it goes to is the push's address, not its content).
  h.deps.push = async (_openid, _kind, message) => {
    pushed.push(message);
  };
  await buildOrg(h.store, 's-county', { kind: 'district' });
  await buildOrg(h.store, 's-town', { parentId: 's-county' });
  await buildStation(h.store, 's-st', { orgId: 's-town' });
  await buildPerson(h.deps, 's-cadre', { roles: ['cadre'], cadreOrgIds: ['s-town'] });
  await buildPerson(h.deps, 's-staff', { roles: ['staff'], stationIds: ['s-st'] });
  await buildVolunteer(h.deps, 's-volunteer', 's-town');
  await buildPerson(h.deps, RIDER, { orgId: 's-town' });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 's-counsellor', name: '张律师', categories: ['law'], orgId: 's-town' });
});
afterAll(() => h.close());

async function writeEveryMarker(): Promise<void> {
  const m = MARKS;
  h.clock.now = T0;
  await h.call(RIDER, 'account', 'updateProfile', { phone: m['users.phone'] });
  const verification = await h.call(RIDER, 'account', 'applyVerification', {
    realName: m['verification.realName'],
    platform: '闪送',
    employer: m['verification.employer'],
    note: m['review.note (submitted)'],
  });
  await h.call('s-cadre', 'review', 'decide', { id: verification.reviewId, decision: 'needs-info', note: m['review.note (needs-info, notice)'] });
  await h.call(RIDER, 'review', 'respond', { id: verification.reviewId, note: m['review.note (respond)'] });
  await h.call('s-cadre', 'review', 'decide', { id: verification.reviewId, decision: 'reject', note: m['review.note (reject, notice)'] });

  await h.call(RIDER, 'stations', 'apply', {
    name: '带电话的驿站',
    orgId: 's-town',
    location: { lat: 30.91, lng: 121.01 },
    address: '嘉善县测试路 3 号',
    services: ['rest'],
    phone: m['stations.phone (application)'],
  });
  await h.call('s-staff', 'stations', 'proposeChange', { id: 's-st', changes: { phone: m['stations.phone (change)'] } });

  // A child, enrolled in a programme that needs review, approved with a note, signed in on the day.
  const { programme } = await h.call('s-cadre', 'childcare', 'createProgramme', {
    title: '今日骑士班',
    orgId: 's-town',
    site: { name: '魏塘驿站', address: '嘉善县魏塘街道 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 's-st' },
    ageMin: 6,
    ageMax: 12,
    capacity: 10,
    signupOpens: '2026-11-17T08:00:00+08:00',
    signupCloses: '2026-11-18T09:00:00+08:00',
    sessions: [{ date: '2026-11-18', start: '14:00', end: '16:00', course: '国际象棋' }],
    requiresReview: true,
  });
  const { child } = await h.call(RIDER, 'childcare', 'addChild', {
    name: m['children.name'],
    birthDate: m['children.birthDate'],
    emergencyPhone: m['children.emergencyPhone'],
    school: m['children.school'],
    allergies: m['children.allergies'],
    consent: { version: CHILD_CONSENT_VERSION, accepted: true },
  });
  const { enrolment } = await h.call(RIDER, 'childcare', 'enrol', { programmeId: programme.id, childId: child.id });
  const enrolItem = (await h.call('s-cadre', 'review', 'queue', { kind: 'enrolment' })).items[0]!;
  await h.call('s-cadre', 'review', 'decide', { id: enrolItem.id, decision: 'approve', note: m['enrolment.note (approve, notice)'] });
  h.clock.now = at('14:05');
  await h.call('s-staff', 'childcare', 'attend', { enrolmentId: enrolment.id, date: '2026-11-18', event: 'in' });

  h.clock.now = T0;
  await h.call(RIDER, 'volunteers', 'apply', {
    name: m['volunteers.name'],
    orgId: 's-town',
    skills: ['急救'],
    certificates: [{ kind: m['volunteers.certificates'], expiresOn: '2027-05-01' }],
  });

  // Consultations: one cancelled with a reason, one completed, escalated into a case that is taken, worked, closed, rated.
  const { slots } = await h.call('s-counsellor', 'consult', 'publishSlots', {
    slots: ['10:00', '11:00'].map((t) => ({ start: at(t).toISOString(), end: new Date(at(t).getTime() + 1_800_000).toISOString(), modes: ['phone' as const] })),
  });
  const first = await h.call(RIDER, 'consult', 'book', {
    slotId: slots[0]!.id,
    category: 'law',
    mode: 'phone',
    topic: m['bookings.topic'],
    phone: m['bookings.phone'],
  });
  await h.call(RIDER, 'consult', 'cancel', { bookingId: first.booking.id, reason: m['bookings.cancel reason (notice)'] });
  const second = await h.call(RIDER, 'consult', 'book', { slotId: slots[1]!.id, category: 'law', mode: 'phone', topic: m['bookings.topic'] });
  h.clock.now = at('11:10');
  await h.call('s-counsellor', 'consult', 'complete', { bookingId: second.booking.id, summary: m['bookings.summary'] });
  const escalated = await h.call('s-counsellor', 'consult', 'escalate', { bookingId: second.booking.id, summary: m['cases.summary'], orgId: 's-town' });
  await h.call('s-cadre', 'review', 'decide', { id: escalated.reviewId, decision: 'approve', note: m['cases.take note (notice)'] });
  await h.call('s-cadre', 'consult', 'addStep', { caseId: escalated.caseId, note: m['cases.step note'], visible: true });
  await h.call('s-cadre', 'consult', 'closeCase', { caseId: escalated.caseId, outcome: 'resolved', note: m['cases.close note'] });
  await h.call(RIDER, 'consult', 'rate', { caseId: escalated.caseId, score: 'satisfied', comment: m['cases.rating comment'] });

  await h.call(RIDER, 'voice', 'sendOpinion', { area: 'station', text: m['opinions.text'], anonymous: true });
}

describe('sealed fields', () => {
  it('are nowhere in clear: not in the database files, not in any document, not in any push', async () => {
    await writeEveryMarker();
    const documents = JSON.stringify(await Promise.all(COLLECTIONS.map((c) => findAll(h.store, c))));
    const files = h.files();
    // Checked above while queued, and here as sent.
    await sendQueuedPushes(h.deps, h.clock.now);
    const pushes = JSON.stringify(pushed);
    const found = Object.entries(MARKS).filter(
      ([, mark]) => documents.includes(mark) || pushes.includes(mark) || files.some((bytes) => bytes.includes(Buffer.from(mark, 'utf8'))),
    );
    console.log(
      `sealed fields checked: ${Object.keys(MARKS).length}; found in clear: ${found.length} (${h.kind}: ${files.length} database files, ${COLLECTIONS.length} collections, ${pushed.length} pushes)`,
    );
    expect(found.map(([field]) => field)).toEqual([]);
    // The check can see a marker: the sealed fields' names are in the files, and the pushes went out.
    expect(h.kind === 'cloudbase' || files.some((bytes) => bytes.includes(Buffer.from('emergencyPhoneEnc')))).toBe(true);
    expect(pushed.length).toBeGreaterThan(5);
  });

  it('open for their owner: the notices’ details are in the rider’s inbox', async () => {
    const details = (await h.call(RIDER, 'account', 'messages', { limit: 100 })).messages.map((msg) => msg.detail ?? '').join('\n');
    for (const mark of [
      MARKS['children.name'],
      MARKS['review.note (reject, notice)'],
      MARKS['review.note (needs-info, notice)'],
      MARKS['enrolment.note (approve, notice)'],
    ]) {
      expect(details).toContain(mark);
    }
    // The counsellor filed the case: the cadre's note on taking it, and the rider's reason for cancelling, are theirs.
    const counsellor = (await h.call('s-counsellor', 'account', 'messages', { limit: 100 })).messages.map((msg) => msg.detail ?? '').join('\n');
    expect(counsellor).toContain(MARKS['cases.take note (notice)']);
    expect(counsellor).toContain(MARKS['bookings.cancel reason (notice)']);
  });
});
