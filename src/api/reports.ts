import type { InputOf } from '../../types';
import { callFunction } from './client';

export const reportSummary = (input: InputOf<'reports', 'summary'>) => callFunction('reports', 'summary', input);
export const exportReport = (input: InputOf<'reports', 'export'>) => callFunction('reports', 'export', input);
export const registry = (input: InputOf<'reports', 'registry'>) => callFunction('reports', 'registry', input);
