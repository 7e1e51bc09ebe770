/** The one-click renewal of an expiry mail's link (`/mon-annonce/prolonger?token=…`). */
import { z } from 'zod';
import { LISTING_STATUSES } from './listing';

export const renewByLinkBodySchema = z
  .strictObject({
    token: z
      .string({ error: 'Le lien de prolongation est incomplet.' })
      .min(20, { error: 'Le lien de prolongation est incomplet.' })
      .max(2000, { error: 'Le lien de prolongation n’est pas valide.' }),
  })
  .meta({ id: 'RenewByLinkBody' });

export const renewalResultSchema = z
  .object({
    listingId: z.string(),
    status: z.enum(LISTING_STATUSES),
    expiresAt: z.string().optional(),
    /** False when the link had already been used: nothing changed. */
    renewed: z.boolean(),
  })
  .meta({ id: 'RenewalResult' });

export type RenewByLinkBody = z.infer<typeof renewByLinkBodySchema>;
export type RenewalResultBody = z.infer<typeof renewalResultSchema>;
