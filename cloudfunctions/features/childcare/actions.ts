import { defineFunction } from '../../core/runtime';
import * as attendance from './attendance';
import * as children from './children';
import * as enrolment from './enrolment';
import * as programmes from './programmes';

export const childcareFunction = defineFunction('childcare', {
  createProgramme: { access: ['cadre', 'admin'], run: programmes.createProgramme },
  programmes: { access: 'anyone', run: programmes.list },
  programme: { access: 'anyone', run: programmes.get },
  addChild: { access: 'anyone', run: children.addChild },
  children: { access: 'anyone', run: children.childrenOf },
  child: { access: 'anyone', run: children.child },
  enrol: { access: 'anyone', run: enrolment.enrol },
  cancel: { access: 'anyone', run: enrolment.cancel },
  mine: { access: 'anyone', run: enrolment.mine },
  roster: { access: 'anyone', run: attendance.roster },
  attend: { access: 'anyone', run: attendance.attend },
});
