import type { InputOf } from '../../types';
import { callFunction } from './client';

export const create = (input: InputOf<'orgs', 'create'>) => callFunction('orgs', 'create', input);
export const tree = () => callFunction('orgs', 'tree', {});
