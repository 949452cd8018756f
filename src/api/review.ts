import type { InputOf } from '../../types';
import { callFunction } from './client';

export const queue = (input: InputOf<'review', 'queue'>) => callFunction('review', 'queue', input);
export const get = (input: InputOf<'review', 'get'>) => callFunction('review', 'get', input);
export const decide = (input: InputOf<'review', 'decide'>) => callFunction('review', 'decide', input);
export const respond = (input: InputOf<'review', 'respond'>) => callFunction('review', 'respond', input);
export const mine = (input: InputOf<'review', 'mine'>) => callFunction('review', 'mine', input);
export const stats = (input: InputOf<'review', 'stats'>) => callFunction('review', 'stats', input);
