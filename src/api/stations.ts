import type { InputOf } from '../../types';
import { callFunction } from './client';

export const create = (input: InputOf<'stations', 'create'>) => callFunction('stations', 'create', input);
export const nearby = (input: InputOf<'stations', 'nearby'>) => callFunction('stations', 'nearby', input);
export const get = (input: InputOf<'stations', 'get'>) => callFunction('stations', 'get', input);
export const apply = (input: InputOf<'stations', 'apply'>) => callFunction('stations', 'apply', input);
export const setStatus = (input: InputOf<'stations', 'setStatus'>) => callFunction('stations', 'setStatus', input);
export const manage = (input: InputOf<'stations', 'manage'>) => callFunction('stations', 'manage', input);
export const proposeChange = (input: InputOf<'stations', 'proposeChange'>) => callFunction('stations', 'proposeChange', input);
export const list = (input: InputOf<'stations', 'list'>) => callFunction('stations', 'list', input);
export const update = (input: InputOf<'stations', 'update'>) => callFunction('stations', 'update', input);
export const setPublished = (input: InputOf<'stations', 'setPublished'>) => callFunction('stations', 'setPublished', input);
