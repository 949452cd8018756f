import type { InputOf } from '../../types';
import { callFunction } from './client';

export const issueCode = (input: InputOf<'checkin', 'issueCode'>) => callFunction('checkin', 'issueCode', input);
export const redeem = (input: InputOf<'checkin', 'redeem'>) => callFunction('checkin', 'redeem', input);
export const codeStatus = (input: InputOf<'checkin', 'codeStatus'>) => callFunction('checkin', 'codeStatus', input);
export const today = (input: InputOf<'checkin', 'today'>) => callFunction('checkin', 'today', input);
export const issueOfflineKey = (input: InputOf<'checkin', 'issueOfflineKey'>) => callFunction('checkin', 'issueOfflineKey', input);
