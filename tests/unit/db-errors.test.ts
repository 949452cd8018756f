import { dbErrorCode, isDuplicateId, isWriteConflict, missingDeployedPart } from '../../cloudfunctions/adapters/cloudbase/db-errors';

/** An error as @cloudbase/node-sdk throws it: a message and the answer's code (or the HTTP status for a non-200). */
const sdkError = (code: string | number, message = 'x') => Object.assign(new Error(message), { code });

describe('what CloudBase answers when a write loses', () => {
  it.each([
    ['a conflict answered with its code', sdkError('DATABASE_TRANSACTION_CONFLICT'), true],
    ['a conflict answered as HTTP 503', sdkError(503, '503 Service Unavailable | [https://…]'), true],
    ['a transaction the service ended', sdkError('DATABASE_TRANSACTION_FAIL'), true],
    ['another failure', sdkError('DATABASE_REQUEST_FAILED', 'E11000 duplicate key'), false],
    ['a 500', sdkError(500), false],
    ['no code', new Error('socket hang up'), false],
  ])('%s: a write conflict is %s', (_name, error, conflict) => {
    expect(isWriteConflict(error)).toBe(conflict);
  });

  it.each([
    ['DATABASE_DUPLICATE_WRITE', sdkError('DATABASE_DUPLICATE_WRITE', 'E11000 duplicate key error collection: c index: _id_'), true],
    ['DATABASE_REQUEST_FAILED with E11000', sdkError('DATABASE_REQUEST_FAILED', 'E11000 duplicate key error collection: c index: _id_ dup key'), true],
    ['DATABASE_REQUEST_FAILED for something else', sdkError('DATABASE_REQUEST_FAILED', 'bad query'), false],
    ['a conflict', sdkError('DATABASE_TRANSACTION_CONFLICT'), false],
  ])('%s: a duplicate _id is %s', (_name, error, duplicate) => {
    expect(isDuplicateId(error)).toBe(duplicate);
  });

  it('names what the deploy has not made', () => {
    expect(missingDeployedPart(sdkError('DATABASE_COLLECTION_NOT_EXIST'))).toBe('a collection');
    expect(
      missingDeployedPart(
        sdkError('DATABASE_REQUEST_FAILED', 'error processing query: … planner returned error :: caused by :: unable to find index for $geoNear query'),
      ),
    ).toBe('the geo index');
    expect(missingDeployedPart(sdkError('DATABASE_REQUEST_FAILED', 'bad query'))).toBeNull();
  });

  it('reads the code of anything thrown', () => {
    expect(dbErrorCode(sdkError(503))).toBe('503');
    expect(dbErrorCode({ code: 'X' })).toBe('X');
    expect(dbErrorCode('text')).toBe('');
    expect(dbErrorCode(null)).toBe('');
  });
});
