/**
 * Sign-in by e-mail link. Requesting a link answers the same whether the address is known or
 * not (no account enumeration); the first verified link of a new address creates a tenant.
 */
import { ForbiddenError, RateLimitedError, ValidationError } from '../../../shared/errors';
import type { User } from '../../../shared/schemas/user';
import { auditPut } from '../db/audit';
import { consumeLoginToken, loginTokenPut, takeRateLimit } from '../db/auth';
import { recordActivity } from '../db/inactivity';
import { outboxPut } from '../db/outbox';
import { transactWrite } from '../db/transact';
import { EmailAlreadyUsedError, createUser, findUserByEmail } from '../db/users';
import { signInMail } from '../mail/templates';
import { LOGIN_TOKEN_MINUTES, hashLoginToken, newLoginToken } from './login-token';
import { normalisedMailbox } from './mailbox';
import { signSession } from './session';
import type { AppContext } from '../app-context';

export type SignInDeps = Pick<AppContext, 'db' | 'now' | 'appUrl' | 'sessionSecret'> & {
  limits: { perEmailPer15Min: number; perIpPerHour: number };
};

export async function requestSignInLink(
  deps: SignInDeps,
  email: string,
  clientIp: string,
): Promise<void> {
  const now = deps.now();
  const ipAllowed = await takeRateLimit(
    deps.db,
    { scope: 'login-ip', subject: clientIp, limit: deps.limits.perIpPerHour, windowSeconds: 3600 },
    now,
  );
  if (!ipAllowed)
    throw new RateLimitedError(
      'Trop de demandes de connexion depuis cette adresse. Réessayez dans une heure.',
    );
  const emailAllowed = await takeRateLimit(
    deps.db,
    {
      scope: 'login-email',
      subject: normalisedMailbox(email),
      limit: deps.limits.perEmailPer15Min,
      windowSeconds: 900,
    },
    now,
  );
  if (!emailAllowed) {
    throw new RateLimitedError(
      'Plusieurs liens ont déjà été envoyés à cette adresse. Attendez 15 minutes avant d’en demander un autre.',
    );
  }
  // Same answer as for any address, but a deactivated account gets no link.
  if ((await findUserByEmail(deps.db, email))?.deactivatedAt) return;
  const { token, hash } = newLoginToken();
  const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_MINUTES * 60_000);
  const mail = signInMail(deps.appUrl, token);
  await transactWrite(deps.db, [
    loginTokenPut(deps.db, hash, email, expiresAt),
    outboxPut(deps.db, { to: email, ...mail, kind: 'sign-in' }, now),
  ]);
}

export async function completeSignIn(
  deps: SignInDeps,
  token: string,
): Promise<{ user: User; sessionToken: string; expiresAt: Date }> {
  const now = deps.now();
  const email = await consumeLoginToken(deps.db, hashLoginToken(token), now);
  if (!email) {
    throw new ValidationError(
      'Ce lien de connexion n’est plus valable (déjà utilisé, expiré ou inconnu). Demandez-en un nouveau.',
      [{ path: 'token', message: 'Lien déjà utilisé, expiré ou inconnu.' }],
    );
  }
  const user = await findOrCreateTenant(deps, email, now);
  if (user.deactivatedAt)
    throw new ForbiddenError(
      'Ce compte a été désactivé par Armos. Adressez-vous à Armos si vous pensez que c’est une erreur.',
    );
  await recordActivity(deps.db, user, now);
  const { token: sessionToken, claims } = await signSession(deps.sessionSecret(), user, now);
  await transactWrite(deps.db, [
    auditPut(
      deps.db,
      { actorId: user.id, actorRole: user.role, action: 'sign-in', subject: `user:${user.id}` },
      now,
    ),
  ]);
  return { user, sessionToken, expiresAt: claims.expiresAt };
}

async function findOrCreateTenant(deps: SignInDeps, email: string, now: Date): Promise<User> {
  const existing = await findUserByEmail(deps.db, email);
  if (existing) return existing;
  try {
    return await createUser(deps.db, { email, role: 'tenant' }, now);
  } catch (error) {
    // Two links of the same new address verified at the same instant: the other one created it.
    if (error instanceof EmailAlreadyUsedError) {
      const created = await findUserByEmail(deps.db, email);
      if (created) return created;
    }
    throw error;
  }
}
