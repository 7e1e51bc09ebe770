/** Vacant dwellings offered to mutation (docs/api.md "Additions"): lessors for their own, Armos for all. */
import { createRoute, z } from '@hono/zod-openapi';
import { idSchema } from '../../../shared/schemas/common';
import {
  vacancyBodySchema,
  vacancyPageSchema,
  vacancySchema,
} from '../../../shared/schemas/vacancy';
import { cursorCodec } from '../../lib/pagination';
import type { ApiDeps } from '../context';
import { requireRole } from '../middleware/auth';
import { SESSION_SECURITY, createRouter, errorResponses, jsonContent } from '../router';
import { Vacancies } from '../../lib/vacancies';

const tags = ['Bailleurs'];
const idParam = z.object({ id: idSchema });

const post = createRoute({
  method: 'post',
  path: '/lessor/vacancies',
  tags,
  security: SESSION_SECURITY,
  summary: 'Proposer un logement vacant à la mutation : il ouvre des chaînes de déménagements',
  request: { body: { ...jsonContent(vacancyBodySchema), required: true } },
  responses: {
    201: { description: 'Logement vacant proposé pour 60 jours', ...jsonContent(vacancySchema) },
    ...errorResponses(400, 401, 403),
  },
});
const list = createRoute({
  method: 'get',
  path: '/lessor/vacancies',
  tags,
  security: SESSION_SECURITY,
  summary:
    'Mes logements vacants proposés, les plus récents d’abord, avec leurs chaînes ; Armos voit tous les bailleurs',
  request: {
    query: z.object({
      lessorId: z.string().max(40).optional(),
      status: z
        .enum(['open'], {
          error: 'status ne peut valoir que open (les logements encore proposés).',
        })
        .optional()
        .meta({
          description:
            'open : les logements encore proposés seulement, la fin de leur proposition la plus proche d’abord',
        }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2000).optional(),
    }),
  },
  responses: {
    200: { description: 'Une page de logements vacants', ...jsonContent(vacancyPageSchema) },
    ...errorResponses(400, 401, 403),
  },
});
const withdraw = createRoute({
  method: 'post',
  path: '/lessor/vacancies/{id}/withdraw',
  tags,
  security: SESSION_SECURITY,
  summary: 'Retirer un logement vacant : ses chaînes sont fermées',
  request: { params: idParam },
  responses: {
    200: { description: 'Logement vacant retiré', ...jsonContent(vacancySchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const renew = createRoute({
  method: 'post',
  path: '/lessor/vacancies/{id}/renew',
  tags,
  security: SESSION_SECURITY,
  summary: 'Prolonger la proposition d’un logement vacant de 60 jours',
  request: { params: idParam },
  responses: {
    200: { description: 'Logement vacant proposé 60 jours de plus', ...jsonContent(vacancySchema) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function vacancyRoutes(deps: ApiDeps) {
  const cursors = cursorCodec(deps.config.sessionSecret);
  return createRouter()
    .openapi(post, async (c) => {
      const caller = requireRole(c, 'lessor', 'armos');
      return c.json(await Vacancies.post(deps, caller.user, c.req.valid('json')), 201);
    })
    .openapi(list, async (c) => {
      const caller = requireRole(c, 'lessor', 'armos');
      const query = c.req.valid('query');
      const lessorId = caller.user.role === 'lessor' ? caller.user.lessorId : query.lessorId;
      // A page of open ones is read from another index: its cursor is good for that list only.
      const scope = `vacancies:${lessorId ?? '*'}${query.status ? `:${query.status}` : ''}`;
      const page = await Vacancies.list(deps, caller.user, {
        lessorId,
        status: query.status,
        limit: query.limit,
        cursor: cursors.decode(scope, query.cursor),
      });
      return c.json(
        {
          items: page.items,
          ...(page.cursor ? { nextCursor: cursors.encode(scope, page.cursor) } : {}),
        },
        200,
      );
    })
    .openapi(withdraw, async (c) => {
      const caller = requireRole(c, 'lessor', 'armos');
      return c.json(await Vacancies.withdraw(deps, caller.user, c.req.valid('param').id), 200);
    })
    .openapi(renew, async (c) => {
      const caller = requireRole(c, 'lessor', 'armos');
      return c.json(await Vacancies.renew(deps, caller.user, c.req.valid('param').id), 200);
    });
}
