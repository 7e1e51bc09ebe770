/** Reads the mails the local SES endpoint received (GET /store). */
import { stack } from './stack';

export interface ReceivedMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/**
 * Mails sent before this test file started are other files' (addresses are unique per test, and
 * staff addresses are counted from a `before`): not asking for them keeps each poll small.
 */
const fileStartedAt = Math.floor(Date.now() / 1000) - 5;

export async function mailsTo(address: string, sesUrl = stack().sesUrl): Promise<ReceivedMail[]> {
  const response = await fetch(`${sesUrl}/store?since=${fileStartedAt}`);
  const { emails } = (await response.json()) as { emails: ReceivedMail[] };
  return emails.filter((mail) =>
    mail.destination.to.some((to) => to.toLowerCase() === address.toLowerCase()),
  );
}

/** Waits until `count` mails reached `address` (the stream runner sends them asynchronously). */
export async function waitForMails(
  address: string,
  count = 1,
  timeoutMs = 15_000,
  sesUrl?: string,
): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(address, sesUrl);
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The subjects of the mails `address` received so far, to poll until one is there. */
export async function subjectsTo(address: string): Promise<string[]> {
  return (await mailsTo(address)).map((mail) => mail.subject);
}
