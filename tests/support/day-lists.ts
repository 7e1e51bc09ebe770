/**
 * The answer-reminder and swap-nudge jobs read the proposals filed under a day. Their tests bring
 * their own proposal's entry forward to today and run the job on today's clock: a clock moved days
 * ahead would reach every proposal the other test files left on the shared table, and mail them all.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/lib/db/model';
import { formatInTimeZone } from '../../functions/lib/time';
import { stackDatabase } from './stack';

type DayList = 'answerReminder' | 'swapNudge';

export const dayOf = (date: Date) => formatInTimeZone(date, 'yyyy-MM-dd');

/** Whether the proposal is filed under that day of the list. */
export async function isFiledUnder(list: DayList, day: string, matchId: string): Promise<boolean> {
  const db = stackDatabase();
  const found = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys[list](day, matchId) }),
  );
  return found.Item !== undefined;
}

/** Moves the proposal's entry from `day` to today. */
export async function bringForwardToToday(
  list: DayList,
  day: string,
  matchId: string,
): Promise<void> {
  const db = stackDatabase();
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: keys[list](day, matchId) }),
  );
  if (!Item) throw new Error(`${matchId} is not filed under ${day}`);
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...Item, ...keys[list](dayOf(new Date()), matchId) },
    }),
  );
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys[list](day, matchId) }));
}
