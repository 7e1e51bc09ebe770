/** Signs in through the real flow: ask for a link, read it from the local SES mailbox, verify. */
import { expect } from 'vitest';
import { waitForMails } from './mailbox';
import { api, stack } from './stack';

export interface SignedIn {
  token: string;
  user: { id: string; email: string; role: string; lessorId?: string };
  cookie: string;
}

export function tokenFromMail(text: string): string {
  const match = /\/connexion\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error('Pas de lien de connexion dans le mail');
  return match[1];
}

const isSignInMail = (mail: { subject: string }) =>
  mail.subject === 'Votre lien de connexion à Échange Kaz';

/** Asks for a sign-in link and returns its token (other mails, e.g. proposals, may arrive meanwhile). */
export async function requestLinkToken(email: string): Promise<string> {
  const before = (await waitForMails(email, 0, 0)).filter(isSignInMail).length;
  const response = await api('/auth/login', { method: 'POST', json: { email } });
  expect(response.status).toBe(202);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const links = (await waitForMails(email, 0, 0)).filter(isSignInMail);
    if (links.length > before) return tokenFromMail(links.at(-1)!.body.text ?? '');
    if (Date.now() > deadline) throw new Error(`Aucun lien de connexion reçu par ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A session for `email`. Seeded staff accounts share the session the global setup opened,
 * unless `fresh` (a test that ends its session must not end everyone's).
 */
export async function signIn(email: string, options: { fresh?: boolean } = {}): Promise<SignedIn> {
  const shared = stack().staffSessions[email];
  if (shared && !options.fresh)
    return { token: shared.token, user: shared.user, cookie: `kaz_session=${shared.token}` };
  const linkToken = await requestLinkToken(email);
  const response = await api('/auth/verify', { method: 'POST', json: { token: linkToken } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { sessionToken: string; user: SignedIn['user'] };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { token: body.sessionToken, user: body.user, cookie };
}
