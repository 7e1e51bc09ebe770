/** Response schemas of listings, for the OpenAPI document; each derived from the stored listing. */
import { z } from 'zod';
import { dwellingSchema, householdSchema, storedListingSchema } from './listing';

/** What its owner, its lessor and Armos read: the stored listing without its version. */
export const listingSchema = storedListingSchema
  .omit({ version: true })
  .extend({
    /** "Loyer après échange": rent and charges the household moving in would pay (today's unless its lessor stated others). */
    nextTotalRent: z.number(),
  })
  .meta({ id: 'Listing' });

export const publicDwellingSchema = dwellingSchema
  .omit({ tenancyRef: true, dwellingRef: true })
  .meta({ id: 'PublicDwelling' });

/** The dwelling a participant of a proposal would move into, with the rent it would pay there. */
export const receivedDwellingSchema = publicDwellingSchema
  .extend({ nextTotalRent: z.number() })
  .meta({ id: 'ReceivedDwelling' });

/**
 * The only thing other tenants and the cinor role may ever receive: no tenancy reference,
 * dwelling number, income or identity.
 */
export const publicListingSchema = listingSchema
  .pick({
    id: true,
    status: true,
    verification: true,
    publishedAt: true,
    expiresAt: true,
    createdAt: true,
    updatedAt: true,
    nextTotalRent: true,
    motive: true,
    wishes: true,
  })
  .extend({
    dwelling: publicDwellingSchema,
    household: householdSchema.pick({ adults: true, children: true }),
  })
  .meta({ id: 'PublicListing' });

export type ListingView = z.infer<typeof listingSchema>;
export type PublicDwelling = z.infer<typeof publicDwellingSchema>;
export type ReceivedDwelling = z.infer<typeof receivedDwellingSchema>;
export type PublicListing = z.infer<typeof publicListingSchema>;
