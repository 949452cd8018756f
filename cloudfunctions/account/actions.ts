import { defineFunction } from '../core/runtime';
import * as account from '../core/services/account';
import * as inbox from '../core/services/inbox';

export const accountFunction = defineFunction('account', {
  me: { access: 'anyone', run: account.me },
  updateProfile: { access: 'anyone', run: account.updateProfile },
  grantRole: { access: ['admin'], run: account.grantRole },
  messages: { access: 'anyone', run: inbox.messages },
  readMessages: { access: 'anyone', run: inbox.readMessages },
});
