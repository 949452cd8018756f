import { defineFunction } from '../../core/runtime';
import * as bookings from './bookings';
import * as cases from './cases';
import * as counsellors from './counsellors';
import * as ownData from './own-data';

/**
 * 12355 consultations. Who may read what is checked in the service: a booking's confidential fields reach only its
 * rider and its counsellor, a case's only its rider, its counsellor and cadres of its committee.
 */
export const consultFunction = defineFunction('consult', {
  categories: { access: 'anyone', run: counsellors.categories },
  addCounsellor: { access: ['admin'], run: counsellors.addCounsellor },
  counsellors: { access: ['admin'], run: counsellors.listCounsellors },
  publishSlots: { access: ['counsellor'], run: counsellors.publishSlots },
  slots: { access: 'anyone', run: counsellors.freeSlots },
  mySlots: { access: ['counsellor'], run: counsellors.mySlots },
  withdrawSlot: { access: ['counsellor'], run: counsellors.withdrawSlot },
  book: { access: 'anyone', run: bookings.book },
  cancel: { access: 'anyone', run: bookings.cancel },
  reschedule: { access: 'anyone', run: bookings.reschedule },
  mine: { access: 'anyone', run: bookings.mine },
  agenda: { access: ['counsellor'], run: bookings.agenda },
  complete: { access: ['counsellor'], run: bookings.complete },
  escalate: { access: ['counsellor'], run: cases.escalate },
  case: { access: 'anyone', run: cases.getCase },
  cases: { access: 'anyone', run: cases.listCases },
  addStep: { access: ['cadre'], run: cases.addStep },
  closeCase: { access: ['cadre'], run: cases.closeCase },
  rate: { access: 'anyone', run: cases.rate },
  accessLog: { access: 'anyone', run: ownData.accessLogPage },
  deleteHistory: { access: 'anyone', run: ownData.deleteHistory },
});
