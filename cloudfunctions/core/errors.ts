import { DEFAULT_MESSAGES, type ErrorCode } from '../../types/errors';

/** A failure a caller can read: a code from the contract and a short Chinese sentence. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (message?: string) => new AppError('INVALID_INPUT', message);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const notFound = (message?: string) => new AppError('NOT_FOUND', message);
export const conflict = (message?: string) => new AppError('CONFLICT', message);
export const expired = (message?: string) => new AppError('EXPIRED', message);
