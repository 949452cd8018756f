import { defineFunction } from '../../core/runtime';
import * as orgs from './orgs.service';

export const orgsFunction = defineFunction('orgs', {
  create: { access: ['admin', 'cadre'], run: orgs.create },
  tree: { access: 'anyone', run: orgs.tree },
  rename: { access: ['admin', 'cadre'], run: orgs.rename },
  move: { access: ['admin', 'cadre'], run: orgs.move },
});
