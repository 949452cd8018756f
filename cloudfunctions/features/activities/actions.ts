import { defineFunction } from '../../core/runtime';
import * as activities from './activities.service';
import * as care from './care';
import * as meals from './meals';

export const activitiesFunction = defineFunction('activities', {
  create: { access: ['cadre', 'staff', 'admin'], run: activities.create },
  list: { access: 'anyone', run: activities.list },
  get: { access: 'anyone', run: activities.get },
  signUp: { access: 'anyone', run: activities.signUp },
  cancel: { access: 'anyone', run: activities.cancel },
  mine: { access: 'anyone', run: activities.mine },
  attend: { access: ['cadre', 'staff', 'admin'], run: activities.attend },
  organised: { access: ['cadre', 'staff', 'admin'], run: activities.organised },
  roster: { access: ['cadre', 'staff', 'admin'], run: activities.roster },
  message: { access: ['cadre', 'staff', 'admin'], run: activities.message },
  createCampaign: { access: ['cadre', 'admin'], run: care.createCampaign },
  campaigns: { access: 'anyone', run: care.list },
  handOut: { access: ['staff'], run: care.handOut },
  meals: { access: 'anyone', run: meals.meals },
  bookMeal: { access: 'anyone', run: meals.book },
  cancelMeal: { access: 'anyone', run: meals.cancel },
  myMeal: { access: 'anyone', run: meals.mine },
  collectMeal: { access: ['staff'], run: meals.collect },
});
