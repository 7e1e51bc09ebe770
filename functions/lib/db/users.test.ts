import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../shared/errors';
import { EmailAlreadyUsedError, USER_CONDITION, userCreationFailure } from './users';

const failures = (indices: number[], names: string[]) =>
  Object.assign(indices, { names: new Set(names) });

describe('userCreationFailure', () => {
  it('blames the address only when its own condition failed', () => {
    expect(userCreationFailure(failures([0], [USER_CONDITION.emailIsFree]))).toBeInstanceOf(
      EmailAlreadyUsedError,
    );
    const other = userCreationFailure(failures([3], []));
    expect(other).toBeInstanceOf(ConflictError);
    expect(other).not.toBeInstanceOf(EmailAlreadyUsedError);
  });
});
