import type { InputOf } from '../../types';
import { callFunction } from './client';

export const list = (input: InputOf<'activities', 'list'>) => callFunction('activities', 'list', input);
export const signUp = (input: InputOf<'activities', 'signUp'>) => callFunction('activities', 'signUp', input);
export const cancel = (input: InputOf<'activities', 'cancel'>) => callFunction('activities', 'cancel', input);
export const mine = (input: InputOf<'activities', 'mine'>) => callFunction('activities', 'mine', input);
export const attend = (input: InputOf<'activities', 'attend'>) => callFunction('activities', 'attend', input);
export const organised = (input: InputOf<'activities', 'organised'>) => callFunction('activities', 'organised', input);
export const roster = (input: InputOf<'activities', 'roster'>) => callFunction('activities', 'roster', input);
export const message = (input: InputOf<'activities', 'message'>) => callFunction('activities', 'message', input);
export const campaigns = (input: InputOf<'activities', 'campaigns'>) => callFunction('activities', 'campaigns', input);
export const handOut = (input: InputOf<'activities', 'handOut'>) => callFunction('activities', 'handOut', input);
export const meals = (input: InputOf<'activities', 'meals'>) => callFunction('activities', 'meals', input);
export const bookMeal = (input: InputOf<'activities', 'bookMeal'>) => callFunction('activities', 'bookMeal', input);
export const cancelMeal = (input: InputOf<'activities', 'cancelMeal'>) => callFunction('activities', 'cancelMeal', input);
export const myMeal = (input: InputOf<'activities', 'myMeal'>) => callFunction('activities', 'myMeal', input);
export const collectMeal = (input: InputOf<'activities', 'collectMeal'>) => callFunction('activities', 'collectMeal', input);
