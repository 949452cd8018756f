import { defineFunction } from '../core/runtime';
import * as orgs from './orgs.service';

export const orgsFunction = defineFunction('orgs', {
  create: { access: ['admin'], run: orgs.create },
  tree: { access: 'anyone', run: orgs.tree },
});
