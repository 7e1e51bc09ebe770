/** Armos's supervision: the dashboard figures and the audit screen (docs/api.md "Served beyond the contract"). */
import { z } from 'zod';
import { SWAP_STATUSES } from '../swap/statuses';

const lessorCount = z.object({ lessorId: z.string(), count: z.number() });

export const supervisionSchema = z
  .object({
    swapsByStatus: z.array(z.object({ status: z.enum(SWAP_STATUSES), count: z.number() })),
    decisionDays: z.array(
      z.object({
        lessorId: z.string(),
        /** Decisions (approved or refused) counted. */
        decisions: z.number(),
        medianDays: z.number().nullable(),
        p90Days: z.number().nullable(),
      }),
    ),
    overdueReviews: z.array(lessorCount),
    pendingVerifications: z.array(lessorCount),
    householdsMoved: z.array(z.object({ month: z.string(), households: z.number() })),
    computedAt: z.string(),
  })
  .meta({ id: 'Supervision' });

const day = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} : une date AAAA-MM-JJ.` })
    .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()), {
      error: `${label} : cette date n’existe pas.`,
    });

export const auditSearchQuerySchema = z
  .object({
    actorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Auteur invalide.' })
      .optional(),
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,60}$/, { error: 'Action invalide (ex. listing-verified).' })
      .optional(),
    from: day('Du').optional(),
    to: day('Au').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    error: 'La fin de la période précède son début.',
  })
  .refine(
    (q) =>
      !q.from ||
      !q.to ||
      new Date(`${q.to}T00:00:00Z`).getTime() - new Date(`${q.from}T00:00:00Z`).getTime() <=
        366 * 86_400_000,
    { path: ['from'], error: 'Une période d’un an au plus.' },
  );

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  actorRole: z.string(),
  action: z.string(),
  /** What the action is about, e.g. `listing:01H…`, `user:01H…`. */
  subject: z.string(),
  /** Non-personal details (statuses, reason codes), never free text from users. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextCursor: z.string().optional() })
  .meta({ id: 'AuditPage' });

export type SupervisionView = z.infer<typeof supervisionSchema>;
export type AuditEntryView = z.infer<typeof auditEntrySchema>;
export type AuditPageView = z.infer<typeof auditPageSchema>;
