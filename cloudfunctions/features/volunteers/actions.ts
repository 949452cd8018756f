import { defineFunction } from '../../core/runtime';
import * as volunteers from './volunteers.service';

export const volunteersFunction = defineFunction('volunteers', {
  apply: { access: 'anyone', run: volunteers.apply },
  signUp: { access: ['volunteer'], run: volunteers.signUp },
  place: { access: ['cadre'], run: volunteers.place },
  clock: { access: ['staff', 'cadre'], run: volunteers.clock },
  hours: { access: 'anyone', run: volunteers.hours },
  profile: { access: 'anyone', run: volunteers.profile },
  list: { access: ['cadre', 'admin'], run: volunteers.list },
});
