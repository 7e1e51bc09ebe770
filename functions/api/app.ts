/**
 * The HTTP API (docs/api.md): one Hono app under /api, the same on Lambda and locally.
 * Routes live in ./routes by resource; this file only assembles them.
 */
import '../../shared/schemas/zod-locale';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps, ApiEnv } from './context';
import { errorBody, handleError } from './errors';
import { requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { authenticate } from './middleware/auth';
import { originVerify } from './middleware/origin-verify';
import { adminRoutes } from './routes/admin';
import { incomeCeilingRoutes } from './routes/income-ceilings';
import { supervisionRoutes } from './routes/supervision';
import { lessorExportRoutes } from './routes/lessor-export';
import { assistanceRoutes } from './routes/assistance';
import { authRoutes } from './routes/auth';
import { lessorRoutes } from './routes/lessor';
import { listingRoutes } from './routes/listings';
import { matchRoutes } from './routes/matches';
import { isMatchedWith } from '../lib/matching/service';
import { meRoutes } from './routes/me';
import { moderationRoutes } from './routes/moderation';
import { operationsRoutes } from './routes/operations';
import { photoRoutes } from './routes/photos';
import { receptionPointRoutes } from './routes/reception-points';
import { renewalRoutes } from './routes/renewal';
import { statsRoutes } from './routes/stats';
import { swapRoutes } from './routes/swaps';
import { planRoutes } from './routes/plan';
import { apiClientRoutes } from './routes/api-clients';
import { oauthRoutes } from './routes/oauth';
import { webhookRoutes } from './routes/webhooks';
import { apiDocsRoutes } from './routes/api-docs';
import { finishDocument } from './openapi';
import { SESSION_COOKIE } from '../lib/auth/session';
import { vacancyRoutes } from './routes/vacancies';

export const API_BASE = '/api';

export function createApi(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>().basePath(API_BASE);
  api.use('*', requestLog());
  api.use('*', originVerify(deps.config.originVerifySecrets));
  // Before the API's own headers: the reference page sets a policy of its own.
  api.route('/', apiDocsRoutes());
  api.use('*', securityHeaders({ https: deps.config.appUrl.startsWith('https://') }));
  api.use(
    '*',
    bodyLimit({
      maxSize: 256 * 1024,
      onError: (c) =>
        c.json(
          errorBody('validation_failed', 'La requête est trop volumineuse (256 Ko au plus).'),
          413,
        ),
    }),
  );

  api.use('*', authenticate(deps));

  api.route('/', operationsRoutes(deps));
  api.route('/', authRoutes(deps));
  api.route('/', meRoutes(deps));
  api.route('/', adminRoutes(deps));
  api.route(
    '/',
    listingRoutes(deps, (user, listing) => isMatchedWith(deps.db, user, listing)),
  );
  api.route('/', assistanceRoutes(deps));
  api.route('/', matchRoutes(deps));
  api.route('/', lessorRoutes(deps));
  api.route(
    '/',
    photoRoutes(deps, (user, listing) => isMatchedWith(deps.db, user, listing)),
  );
  api.route('/', renewalRoutes(deps));
  api.route('/', receptionPointRoutes(deps));
  api.route('/', statsRoutes(deps));
  api.route('/', swapRoutes(deps));
  api.route('/', moderationRoutes(deps));
  api.route('/', planRoutes(deps));
  api.route('/', incomeCeilingRoutes(deps));
  api.route('/', supervisionRoutes(deps));
  api.route('/', lessorExportRoutes(deps));
  api.route('/', apiClientRoutes(deps));
  api.route('/', oauthRoutes(deps));
  api.route('/', webhookRoutes(deps));
  api.route('/', vacancyRoutes(deps));

  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'http',
    scheme: 'bearer',
    description:
      'Jeton de session (sessionToken) ; le navigateur utilise le cookie HttpOnly équivalent.',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'clientCredentials', {
    type: 'oauth2',
    description: 'Systèmes des bailleurs : client créé par Armos, jeton valable une heure.',
    flows: { clientCredentials: { tokenUrl: '/api/oauth/token', scopes: {} } },
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Le même jeton de session, en cookie HttpOnly (application web).',
  });
  let document: ReturnType<typeof finishDocument> | undefined;
  api.get('/openapi.json', (c) => {
    document ??= finishDocument(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Échange Kaz — API',
          version: '1.0.0',
          description:
            "API de la bourse d'échange de logements sociaux de la CINOR. Référence lisible : /api/docs/.",
          contact: { name: 'Armos', url: deps.config.appUrl },
        },
      }),
      deps.config.appUrl,
    );
    return c.json(document);
  });
  // A catch-all rather than notFound(): when mounted beside the web app, unknown /api paths
  // must still answer JSON instead of falling through to the single-page app.
  api.all('*', (c) => c.json(errorBody('not_found', 'Cette adresse de l’API n’existe pas.'), 404));
  api.onError(handleError);
  return api;
}
