import type { InputOf } from '../../types';
import { callFunction } from './client';

export const apply = (input: InputOf<'volunteers', 'apply'>) => callFunction('volunteers', 'apply', input);
export const signUp = (input: InputOf<'volunteers', 'signUp'>) => callFunction('volunteers', 'signUp', input);
export const clock = (input: InputOf<'volunteers', 'clock'>) => callFunction('volunteers', 'clock', input);
export const hours = (input: InputOf<'volunteers', 'hours'>) => callFunction('volunteers', 'hours', input);
export const profile = (input: InputOf<'volunteers', 'profile'>) => callFunction('volunteers', 'profile', input);
export const list = (input: InputOf<'volunteers', 'list'>) => callFunction('volunteers', 'list', input);
