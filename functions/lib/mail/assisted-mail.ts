/**
 * Mails about an assisted tenant's listing go to the tenant's own address when there is one, and
 * always to the reception agent who assists them, told which tenant it is about and pointed to
 * the agent's pages. Without an agent, the tenant's address alone, as before.
 */
import type { Listing } from '../../../shared/schemas/listing';
import type { User } from '../../../shared/schemas/user';
import type { Database } from '../db/client';
import { outboxPut } from '../db/outbox';
import type { TransactItem } from '../db/transact';
import { getUser } from '../db/users';
import { noticeEmail, reachableEmail } from './addresses';

export type RenderedMail = { subject: string; text: string; html?: string };

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The name the agent knows the tenant by. */
export function assistedName(listing: Pick<Listing, 'assistance'>, owner?: User): string {
  return listing.assistance?.name || owner?.displayName?.trim() || 'un locataire';
}

/**
 * The agent's copy: one opening paragraph naming the tenant (never in the subject), and links to
 * the tenant's pages lead to the agent's pages of that proposal or tenant.
 */
export function forAgent(mail: RenderedMail, tenantName: string, listingId?: string): RenderedMail {
  const about = `Ce message concerne ${tenantName}, locataire que vous accompagnez. Agissez pour lui ou elle seulement avec son accord, et indiquez comment il a été donné.`;
  // The tenant's pages are the tenant's: the agent's copy leads to the agent's own pages.
  const tenantPage = listingId ? `/accueil/locataires/${listingId}` : '/accueil';
  const toAgentPages = (body: string) =>
    body
      .replace(/\/propositions(?![\w/-])/g, tenantPage)
      .replace(/\/mon-annonce(?![\w/-])/g, '/accueil')
      .replaceAll('/propositions/', '/accueil/propositions/');
  return {
    subject: mail.subject,
    text: toAgentPages(mail.text.replace('Bonjour,\n\n', `Bonjour,\n\n${about}\n\n`)),
    ...(mail.html
      ? {
          html: toAgentPages(
            mail.html.replace(
              '<p>Bonjour,</p>\n',
              `<p>Bonjour,</p>\n<p><strong>${escapeHtml(about)}</strong></p>\n`,
            ),
          ),
        }
      : {}),
  };
}

export interface HolderMailOptions {
  /** A notice the tenant may have turned off (messages, reminders): their opt-out is honoured. */
  notice?: boolean;
  /** Sent whatever the tenant's opt-out (a refusal of their listing, a suspension). */
  always?: boolean;
}

/** The outbox items of one mail to whoever holds the listing: the tenant, and their agent. */
export async function mailsToListingHolders(
  db: Database,
  listing: Pick<Listing, 'ownerId' | 'assistance'> & { id?: string },
  mail: RenderedMail,
  kind: string,
  now: Date,
  options: HolderMailOptions = {},
  knownOwner?: User,
): Promise<TransactItem[]> {
  const owner = knownOwner ?? (await getUser(db, listing.ownerId));
  const optedOut = owner?.notifications?.email === false && !options.always;
  const tenantTo = optedOut
    ? undefined
    : options.notice
      ? noticeEmail(owner)
      : reachableEmail(owner);
  const items: TransactItem[] = tenantTo
    ? [outboxPut(db, { to: tenantTo, ...mail, kind }, now)]
    : [];
  if (listing.assistance) {
    const agent = await getUser(db, listing.assistance.agentId);
    const agentTo = agent?.deactivatedAt ? undefined : reachableEmail(agent);
    if (agentTo && agentTo !== tenantTo)
      items.push(
        outboxPut(
          db,
          { to: agentTo, ...forAgent(mail, assistedName(listing, owner), listing.id), kind },
          now,
        ),
      );
  }
  return items;
}
