import type { InputOf } from '../../types';
import { callFunction } from './client';

export const me = () => callFunction('account', 'me', {});
export const updateProfile = (input: InputOf<'account', 'updateProfile'>) => callFunction('account', 'updateProfile', input);
export const grantRole = (input: InputOf<'account', 'grantRole'>) => callFunction('account', 'grantRole', input);
export const messages = (input: InputOf<'account', 'messages'> = {}) => callFunction('account', 'messages', input);
export const readMessages = (input: InputOf<'account', 'readMessages'>) => callFunction('account', 'readMessages', input);
export const applyVerification = (input: InputOf<'account', 'applyVerification'>) => callFunction('account', 'applyVerification', input);
export const registerUpload = (input: InputOf<'account', 'registerUpload'>) => callFunction('account', 'registerUpload', input);
export const revokeRole = (input: InputOf<'account', 'revokeRole'>) => callFunction('account', 'revokeRole', input);
export const findPeople = (input: InputOf<'account', 'findPeople'>) => callFunction('account', 'findPeople', input);
