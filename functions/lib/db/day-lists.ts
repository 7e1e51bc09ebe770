/**
 * Proposals filed under the day a job should look at them again: answer reminders (silent
 * participants, 3 days after the proposal) and swap nudges (a mutual proposal nobody acted on, 7
 * days after). Each job reads its day's partition only (no scan), marks what it sent once, and
 * takes the entry off the list.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutAll, queryAll } from './batch';
import type { Database } from './client';
import { ENTITY, keys } from './model';
import { sentMarkPut } from './sent-marks';
import type { TransactItem } from './transact';

export type DayList = 'answerReminders' | 'swapNudges';

const listKeys = {
  answerReminders: { of: keys.answerRemindersOf, entry: keys.answerReminder },
  swapNudges: { of: keys.swapNudgesOf, entry: keys.swapNudge },
} as const;

/** Files new matches under the day their silent participants are to be reminded. */
export async function putAnswerReminders(
  db: Database,
  reminders: Array<{ matchId: string; day: string }>,
): Promise<void> {
  await batchPutAll(
    db,
    reminders.map(({ matchId, day }) => ({
      ...keys.answerReminder(day, matchId),
      entity: ENTITY.answerReminder,
      matchId,
    })),
  );
}

/** Files a proposal that just became mutual under the day to check it (`day`). */
export function swapNudgeEntryPut(db: Database, matchId: string, day: string): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: { ...keys.swapNudge(day, matchId), entity: ENTITY.swapNudge, matchId },
    },
  };
}

/** The proposals filed on `day` in one list. */
export async function matchIdsFiledOn(db: Database, list: DayList, day: string): Promise<string[]> {
  const items = await queryAll(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': listKeys[list].of(day).pk },
  });
  return items.map((item) => String(item.matchId));
}

export async function unfile(
  db: Database,
  list: DayList,
  day: string,
  matchId: string,
): Promise<void> {
  await db.doc.send(
    new DeleteCommand({ TableName: db.tableName, Key: listKeys[list].entry(day, matchId) }),
  );
}

/** The mark that a participant was reminded, written with the mail: once, whatever the retries. */
export function answerReminderSentPut(
  db: Database,
  matchId: string,
  listingId: string,
  now: Date,
): TransactItem {
  return sentMarkPut(
    db,
    keys.answerReminderSent(matchId, listingId),
    ENTITY.answerReminder,
    now,
    30,
  );
}

/** The mark that a mutual proposal's participants were nudged, written with the mails. */
export function swapNudgeSentPut(db: Database, matchId: string, now: Date): TransactItem {
  return sentMarkPut(db, keys.swapNudgeSent(matchId), ENTITY.swapNudge, now, 60);
}
