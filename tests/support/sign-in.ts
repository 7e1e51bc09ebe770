/** Signs in through the real flow: ask for a link, read it from the local SES mailbox, verify. */
import { expect } from 'vitest';
import { waitForMails } from './mailbox';
import { api } from './stack';

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

export async function requestLinkToken(email: string): Promise<string> {
  const before = (await waitForMails(email, 0, 0)).length;
  const response = await api('/auth/login', { method: 'POST', json: { email } });
  expect(response.status).toBe(202);
  const mails = await waitForMails(email, before + 1);
  const latest = mails.at(-1);
  if (!latest || mails.length <= before) throw new Error(`Aucun mail reçu par ${email}`);
  return tokenFromMail(latest.body.text ?? '');
}

export async function signIn(email: string): Promise<SignedIn> {
  const linkToken = await requestLinkToken(email);
  const response = await api('/auth/verify', { method: 'POST', json: { token: linkToken } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { sessionToken: string; user: SignedIn['user'] };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { token: body.sessionToken, user: body.user, cookie };
}
