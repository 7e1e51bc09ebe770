/**
 * The mailbox an address delivers to, for the per-address sign-in limit only (accounts keep the
 * address as typed): `Victim+1@Example.re` and `victim+2@example.re` reach the same person and
 * share one limit. Lowercase; the `+tag` dropped; at Gmail, dots too (Gmail ignores them, and
 * googlemail.com is the same service).
 */
const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function normalisedMailbox(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
