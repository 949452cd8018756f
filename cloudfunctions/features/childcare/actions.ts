import { defineFunction } from '../../core/runtime';
import * as childcare from './childcare.service';

export const childcareFunction = defineFunction('childcare', {
  createProgramme: { access: ['cadre', 'admin'], run: childcare.createProgramme },
  programmes: { access: 'anyone', run: childcare.list },
  programme: { access: 'anyone', run: childcare.get },
  addChild: { access: 'anyone', run: childcare.addChild },
  children: { access: 'anyone', run: childcare.childrenOf },
  child: { access: 'anyone', run: childcare.child },
  enrol: { access: 'anyone', run: childcare.enrol },
  cancel: { access: 'anyone', run: childcare.cancel },
  mine: { access: 'anyone', run: childcare.mine },
  roster: { access: 'anyone', run: childcare.roster },
  attend: { access: 'anyone', run: childcare.attend },
});
