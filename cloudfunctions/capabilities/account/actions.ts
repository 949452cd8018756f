import { defineFunction } from '../../core/runtime';
import * as account from './account.service';
import * as inbox from '../inbox/inbox';
import * as uploads from '../uploads/uploads';

export const accountFunction = defineFunction('account', {
  me: { access: 'anyone', run: account.me },
  updateProfile: { access: 'anyone', run: account.updateProfile },
  grantRole: { access: ['admin'], run: account.grantRole },
  revokeRole: { access: ['admin'], run: account.revokeRole },
  findPeople: { access: ['admin'], run: account.findPeople },
  applyVerification: { access: 'anyone', run: account.applyVerification },
  registerUpload: { access: 'anyone', run: uploads.registerUpload },
  messages: { access: 'anyone', run: inbox.list },
  readMessages: { access: 'anyone', run: inbox.markRead },
});
