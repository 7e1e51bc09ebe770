/** Response schemas of listings, for the OpenAPI document. */
import { z } from 'zod';
import {
  LISTING_STATUSES,
  VERIFICATION_STATUSES,
  dwellingSchema,
  householdSchema,
  listingInputSchema,
  wishesSchema,
} from './listing';

const lifecycleFields = {
  id: z.string(),
  status: z.enum(LISTING_STATUSES),
  verification: z.enum(VERIFICATION_STATUSES),
  publishedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** "Loyer après échange": rent and charges the household moving in would pay (today's unless its lessor stated others). */
  nextTotalRent: z.number(),
};

export const listingSchema = listingInputSchema
  .extend({
    ...lifecycleFields,
    ownerId: z.string(),
    verificationReason: z.string().optional(),
    nextRent: z.number().optional(),
    nextCharges: z.number().optional(),
    assistance: z
      .object({
        agentId: z.string(),
        name: z.string(),
        email: z.string().optional(),
        phone: z.string().optional(),
        consentAt: z.string(),
      })
      .optional(),
  })
  .meta({ id: 'Listing' });

export const publicDwellingSchema = dwellingSchema
  .omit({ tenancyRef: true, dwellingRef: true })
  .meta({ id: 'PublicDwelling' });

/** The dwelling a participant of a proposal would move into, with the rent it would pay there. */
export const receivedDwellingSchema = publicDwellingSchema
  .extend({ nextTotalRent: z.number() })
  .meta({ id: 'ReceivedDwelling' });

export const publicListingSchema = z
  .object({
    ...lifecycleFields,
    dwelling: publicDwellingSchema,
    household: householdSchema.pick({ adults: true, children: true }),
    motive: z.string(),
    wishes: wishesSchema,
  })
  .meta({ id: 'PublicListing' });
