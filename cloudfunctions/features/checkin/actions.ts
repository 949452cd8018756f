import { defineFunction } from '../../core/runtime';
import * as checkin from './checkin.service';

export const checkinFunction = defineFunction('checkin', {
  issueCode: { access: 'anyone', run: checkin.issueCode },
  issueOfflineKey: { access: 'anyone', run: checkin.issueOfflineCodeKey },
  redeem: { access: ['staff'], run: checkin.redeem },
  codeStatus: { access: 'caller-id', run: checkin.codeStatus },
  today: { access: ['staff', 'admin'], run: checkin.today },
});
