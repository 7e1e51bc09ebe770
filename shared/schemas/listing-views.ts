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
};

export const listingSchema = listingInputSchema
  .extend({
    ...lifecycleFields,
    ownerId: z.string(),
    verificationReason: z.string().optional(),
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

export const publicListingSchema = z
  .object({
    ...lifecycleFields,
    dwelling: publicDwellingSchema,
    household: householdSchema.pick({ adults: true, children: true }),
    motive: z.string(),
    wishes: wishesSchema,
  })
  .meta({ id: 'PublicListing' });
