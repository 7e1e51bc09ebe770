/** Webhooks of lessors' systems: the events, and the endpoint registration (docs/api.md). */
import { z } from 'zod';

export const WEBHOOK_EVENTS = [
  'listing.pending_verification',
  'swap.under_review',
  'swap.review_due_soon',
  'swap.completed',
  'vacancy.chain_found',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Declared in the contract, not yet emitted: vacancies are not served yet. */

const PRIVATE_HOST =
  /^(localhost|127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.|\[?::1\]?$|\[?f[cd][0-9a-f]{2}:|\[?fe80:)/i;

/** HTTPS to a public host; `allowLocalhost` (local stack only) also takes http://localhost. */
export function webhookUrlProblem(url: string, allowLocalhost: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Adresse invalide.';
  }
  if (parsed.username || parsed.password) return 'L’adresse ne doit pas contenir d’identifiants.';
  const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  if (allowLocalhost && local && (parsed.protocol === 'http:' || parsed.protocol === 'https:'))
    return undefined;
  if (parsed.protocol !== 'https:') return 'L’adresse doit commencer par https://.';
  if (PRIVATE_HOST.test(parsed.hostname)) return 'L’adresse doit être celle d’un serveur public.';
  return undefined;
}

export const webhookCreateSchema = z
  .strictObject({
    url: z.string().trim().max(500, { error: 'Adresse trop longue (500 caractères au plus).' }),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { error: 'Événement inconnu.' }))
      .min(1, { error: 'Choisissez au moins un événement.' })
      .max(WEBHOOK_EVENTS.length),
    description: z.string().trim().max(120).optional(),
    /** Armos registers for a lessor; a client's token registers for its own. */
    lessorId: z.string().max(40).optional(),
  })
  .meta({
    id: 'WebhookCreate',
    example: {
      url: 'https://si.bailleur.example/echange-kaz/webhooks',
      events: ['listing.pending_verification', 'swap.under_review'],
    },
  });

export const webhookEndpointSchema = z
  .object({
    id: z.string(),
    lessorId: z.string(),
    /** The API client that registered it (absent when Armos did); revoking the client ends it. */
    clientId: z.string().optional(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    description: z.string().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointCreatedSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description:
        'Clé HMAC-SHA256 des signatures, montrée une seule fois. Signature = HMAC(secret, `${X-Kaz-Timestamp}.${corps}`).',
    }),
  })
  .meta({ id: 'WebhookEndpointCreated' });

export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    event: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'retrying', 'parked']),
    attempts: z.number().int(),
    createdAt: z.string(),
    lastAttemptAt: z.string().optional(),
    nextAttemptAt: z.string().optional(),
    /** HTTP status of the last attempt, or a short reason (timeout, refused…). */
    lastResult: z.string().optional(),
    deliveredAt: z.string().optional(),
    /** The JSON body sent, identical on every attempt. */
    body: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

/** A delivery as stored: with its endpoint's lessor, which the endpoint is found by. */
export const storedWebhookDeliverySchema = webhookDeliverySchema.extend({ lessorId: z.string() });
