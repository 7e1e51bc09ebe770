/** The nightly plan as Armos reads it (GET /api/plan): households it would move, by commune. */
import { z } from 'zod';

export const planCommuneSchema = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  /** Households of the plan that live in this commune today. */
  households: z.number().int(),
  /** Of those, households moved by a direct swap (2-way) and by a swap between three (3-way). */
  twoWay: z.number().int(),
  threeWay: z.number().int(),
  /** Of those, households moved by a chain started by a vacant dwelling (absent from plans before chains). */
  chain: z.number().int().optional(),
});

export const recommendationPlanSchema = z
  .object({
    computedAt: z.string(),
    /** Listings in the market when the plan was computed. */
    listings: z.number().int(),
    households: z.number().int(),
    /** No plan of this market could move more households than this (LP over all its cycles and chains). */
    bound: z.number().int(),
    boundKind: z.enum(['lp', 'in-cycles']),
    cycles: z.number().int(),
    twoWayCycles: z.number().int(),
    threeWayCycles: z.number().int(),
    /** Chains started by vacant dwellings (absent from plans before chains). */
    chains: z.number().int().optional(),
    byCommune: z.array(planCommuneSchema),
  })
  .meta({ id: 'RecommendationPlan' });

export const planResponseSchema = z
  .object({ plan: recommendationPlanSchema.nullable() })
  .meta({ id: 'PlanResponse' });

export type RecommendationPlan = z.infer<typeof recommendationPlanSchema>;
export type PlanCommune = z.infer<typeof planCommuneSchema>;
