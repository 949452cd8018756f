import type { InputOf } from '../../types';
import { callFunction } from './client';

export const create = (input: InputOf<'orgs', 'create'>) => callFunction('orgs', 'create', input);
export const tree = () => callFunction('orgs', 'tree', {});
export const rename = (input: InputOf<'orgs', 'rename'>) => callFunction('orgs', 'rename', input);
export const move = (input: InputOf<'orgs', 'move'>) => callFunction('orgs', 'move', input);
