/**
 * Sends the mails written to the outbox, from the table's stream. Idempotent: a mail is claimed
 * before sending and marked sent after, so a redelivered record sends nothing twice; an SES
 * failure releases the claim and reports the record as failed, so it is retried (and the
 * scheduled sweep in ./sweep.ts catches whatever exhausted its retries).
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { claimMail, getOutboxItem, markMailSent, releaseMail } from '../lib/db/outbox';
import { ENTITY } from '../lib/db/model';
import { entityOfRawImage } from '../lib/db/stream-records';
import type { MailSender } from '../lib/mail/sender';
import { logger as defaultLogger, type Logger } from '../lib/logger';
import { handleConcurrently } from '../lib/stream-batch';
import { stringAttribute } from '../lib/stream-image';
import { countMetric, METRIC } from '../lib/metrics';
import type { AppContext } from '../lib/app-context';

export type NotifierDeps = Pick<AppContext, 'db'> &
  Partial<Pick<AppContext, 'now'>> & {
    send: MailSender;
    /** How long a claim protects a mail being sent before another attempt may take it over. */
    leaseMs?: number;
    logger?: Logger;
  };

/** Mails of one batch sent at the same time (SES's own sending rate still applies). */
const MAILS_AT_ONCE = 8;

export type SendOutcome = 'sent' | 'skipped' | 'failed';

/** Sends one outbox mail if nobody has; returns what happened. */
export async function deliverMail(deps: NotifierDeps, mailId: string): Promise<SendOutcome> {
  const now = deps.now ?? (() => new Date());
  const log = (deps.logger ?? defaultLogger).child({ mailId });
  const claimed = await claimMail(deps.db, mailId, now(), deps.leaseMs ?? 5 * 60_000);
  if (!claimed) return 'skipped';
  const mail = await getOutboxItem(deps.db, mailId);
  if (!mail) return 'skipped';
  try {
    const { messageId } = await deps.send(mail);
    await markMailSent(deps.db, mailId, messageId, now());
    log.info('mail sent', { kind: mail.kind, attempts: mail.attempts });
    countMetric(METRIC.mailsSent);
    return 'sent';
  } catch (error) {
    log.warn('mail not sent, will retry', {
      kind: mail.kind,
      attempts: mail.attempts,
      error: (error as Error).name,
    });
    countMetric(METRIC.mailsFailed);
    await releaseMail(deps.db, mailId, (error as Error).message ?? 'error');
    return 'failed';
  }
}

export function createNotifier(deps: NotifierDeps) {
  return async function notifyFromStream(
    event: DynamoDBStreamEvent,
  ): Promise<DynamoDBBatchResponse> {
    // Each mail stands alone: several leave at once (a reminder job writes hundreds in a minute).
    // Lambda retries from the lowest failed record; the later ones come again and are skipped if sent.
    return handleConcurrently(
      event,
      async (record) => {
        if (record.eventName !== 'INSERT') return;
        const image = record.dynamodb?.NewImage;
        const mailId = stringAttribute(image, 'id');
        if (entityOfRawImage(image) !== ENTITY.outbox || !mailId) return;
        // A refused send is logged and released by deliverMail; anything else (the table
        // unreachable) escapes it and must show in the logs before the stream retries.
        const outcome = await deliverMail(deps, mailId).catch((error: unknown) => {
          (deps.logger ?? defaultLogger).error('mail not handled, retried with the stream', {
            mailId,
            error,
          });
          throw error;
        });
        if (outcome === 'failed') throw new Error('mail not sent, retried with the stream');
      },
      MAILS_AT_ONCE,
    );
  };
}
