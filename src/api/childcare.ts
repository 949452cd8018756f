import type { InputOf } from '../../types';
import { callFunction } from './client';

export const createProgramme = (input: InputOf<'childcare', 'createProgramme'>) => callFunction('childcare', 'createProgramme', input);
export const programmes = (input: InputOf<'childcare', 'programmes'>) => callFunction('childcare', 'programmes', input);
export const programme = (input: InputOf<'childcare', 'programme'>) => callFunction('childcare', 'programme', input);
export const addChild = (input: InputOf<'childcare', 'addChild'>) => callFunction('childcare', 'addChild', input);
export const children = (input: InputOf<'childcare', 'children'>) => callFunction('childcare', 'children', input);
export const child = (input: InputOf<'childcare', 'child'>) => callFunction('childcare', 'child', input);
export const enrol = (input: InputOf<'childcare', 'enrol'>) => callFunction('childcare', 'enrol', input);
export const cancel = (input: InputOf<'childcare', 'cancel'>) => callFunction('childcare', 'cancel', input);
export const mine = (input: InputOf<'childcare', 'mine'>) => callFunction('childcare', 'mine', input);
export const roster = (input: InputOf<'childcare', 'roster'>) => callFunction('childcare', 'roster', input);
export const attend = (input: InputOf<'childcare', 'attend'>) => callFunction('childcare', 'attend', input);
