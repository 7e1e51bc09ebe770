/**
 * Multi-item state changes go through here: one DynamoDB transaction, and when a condition fails
 * the caller's domain error (e.g. "this listing is already engaged") instead of the SDK's.
 */
import {
  TransactionCanceledException,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, type AppError } from '../../../shared/errors';
import type { Database } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Index of each failed condition in the transaction, and the names of those written with
 * `named()`: callers explain which one failed by its name rather than its position.
 */
export type ConditionFailures = number[] & { names: ReadonlySet<string> };

const conditionNames = new WeakMap<TransactItem, string>();

/** `item`, whose condition a failed transaction reports as `name` (while it is passed as is). */
export function named(name: string, item: TransactItem): TransactItem {
  conditionNames.set(item, name);
  return item;
}

function failuresOf(items: TransactItem[], indices: number[]): ConditionFailures {
  const names = indices.flatMap((index) => {
    const name = conditionNames.get(items[index]!);
    return name === undefined ? [] : [name];
  });
  return Object.assign(indices, { names: new Set(names) });
}

export async function transactWrite(
  db: Database,
  items: TransactItem[],
  onConditionFailed: (failed: ConditionFailures) => AppError = () =>
    new ConflictError('Cette action n’est plus possible : la situation a changé entre-temps.'),
): Promise<void> {
  if (items.length === 0) return;
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((reason, index) =>
        reason.Code === 'ConditionalCheckFailed' ? [index] : [],
      );
      if (failed.length > 0) throw withCause(onConditionFailed(failuresOf(items, failed)), error);
      // TransactionConflict: another transaction touched the same items at the same instant.
      if (reasons.some((reason) => reason.Code === 'TransactionConflict'))
        throw new TransactionCollisionError(error);
    }
    throw error;
  }
}

/**
 * Another transaction touched the same items at the same instant and no condition failed: the use
 * case may read again and retry (`withConflictRetry` in the swaps). Callers test for this class,
 * never for the SDK's error.
 */
export class TransactionCollisionError extends ConflictError {
  constructor(cause: unknown) {
    super('Une autre action est en cours sur ces éléments. Réessayez.', { cause });
  }
}

/**
 * Writes `items` at once unless one of their conditions fails (then nothing is written and it
 * returns false): for jobs whose condition says "done already". Any other failure is thrown, so
 * that the job is retried rather than its work lost.
 */
export async function transactUnlessDone(db: Database, items: TransactItem[]): Promise<boolean> {
  try {
    await transactWrite(db, items, () => new AlreadyDoneError());
    return true;
  } catch (error) {
    if (error instanceof AlreadyDoneError) return false;
    throw error;
  }
}

class AlreadyDoneError extends ConflictError {
  constructor() {
    super('Déjà fait.');
  }
}

/** A single conditional write: true when written, false when its condition did not hold. */
export async function writtenUnlessCondition(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Maps a single-item conditional write failure to a domain error. */
export async function conditionally<T>(
  write: () => Promise<T>,
  onConditionFailed: () => AppError,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw withCause(onConditionFailed(), error);
    throw error;
  }
}

function withCause(error: AppError, cause: unknown): AppError {
  if (error.cause === undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}
