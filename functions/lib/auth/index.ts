/** Signing in and out, by name — the use cases the API's routes reach. */
import { completeSignIn, requestSignInLink } from './sign-in';
import { endSession } from './sign-out';

export const Sessions = {
  /** Mails a one-time sign-in link; answers the same whether the address is known or not. */
  requestLink: requestSignInLink,
  /** Exchanges the link's token for a session (a new address becomes a tenant). */
  open: completeSignIn,
  end: endSession,
} as const;
