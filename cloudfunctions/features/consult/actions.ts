import { defineFunction } from '../../core/runtime';
import * as consult from './consult.service';

/**
 * 12355 consultations. Who may read what is checked in the service: a booking's confidential fields reach only its
 * rider and its counsellor, a case's only its rider, its counsellor and cadres of its committee.
 */
export const consultFunction = defineFunction('consult', {
  categories: { access: 'anyone', run: consult.categories },
  addCounsellor: { access: ['admin'], run: consult.addCounsellor },
  counsellors: { access: ['admin'], run: consult.listCounsellors },
  publishSlots: { access: ['counsellor'], run: consult.publishSlots },
  slots: { access: 'anyone', run: consult.freeSlots },
  mySlots: { access: ['counsellor'], run: consult.mySlots },
  withdrawSlot: { access: ['counsellor'], run: consult.withdrawSlot },
  book: { access: 'anyone', run: consult.book },
  cancel: { access: 'anyone', run: consult.cancel },
  reschedule: { access: 'anyone', run: consult.reschedule },
  mine: { access: 'anyone', run: consult.mine },
  agenda: { access: ['counsellor'], run: consult.agenda },
  complete: { access: ['counsellor'], run: consult.complete },
  escalate: { access: ['counsellor'], run: consult.escalate },
  case: { access: 'anyone', run: consult.getCase },
  cases: { access: 'anyone', run: consult.listCases },
  addStep: { access: ['cadre'], run: consult.addStep },
  closeCase: { access: ['cadre'], run: consult.closeCase },
  rate: { access: 'anyone', run: consult.rate },
  accessLog: { access: 'anyone', run: consult.accessLogPage },
  deleteHistory: { access: 'anyone', run: consult.deleteHistory },
});
