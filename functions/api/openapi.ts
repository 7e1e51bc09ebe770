/**
 * The OpenAPI document as published at /api/openapi.json: the routes' own description, finished
 * here in one place so that client generators and linters get what they need — an operationId
 * for every operation, the servers, every way to authenticate (session cookie, session bearer,
 * API client token on the lessor routes) and an example for every JSON body.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { isLessorEndpoint } from '../lib/api-clients/scope';
import type { ApiEnv } from './context';
import { addExamples } from './openapi-examples';

/** Stable names of the operations (client generators make method names of them). */
const OPERATION_IDS: Record<string, string> = {
  'GET /api/health': 'getHealth',
  'GET /api/ref': 'getReferenceData',
  'POST /api/auth/login': 'requestSignInLink',
  'POST /api/auth/verify': 'verifySignInLink',
  'POST /api/auth/logout': 'signOut',
  'GET /api/me': 'getMe',
  'PATCH /api/me': 'updateMe',
  'DELETE /api/me': 'eraseMe',
  'GET /api/me/export': 'exportMyData',
  'POST /api/admin/users': 'createStaffUser',
  'GET /api/admin/users': 'listStaffUsers',
  'POST /api/admin/users/{id}/deactivate': 'deactivateStaffUser',
  'POST /api/admin/users/{id}/reactivate': 'reactivateStaffUser',
  'GET /api/admin/audit': 'getAuditTrail',
  'POST /api/listings': 'createListing',
  'GET /api/listings/mine': 'listMyListings',
  'GET /api/listings/managed': 'listManagedListings',
  'GET /api/listings/{id}': 'getListing',
  'PATCH /api/listings/{id}': 'updateListing',
  'POST /api/listings/{id}/verification': 'verifyListing',
  'POST /api/listings/{id}/publish': 'publishListing',
  'POST /api/listings/{id}/withdraw': 'withdrawListing',
  'POST /api/listings/{id}/renew': 'renewListing',
  'POST /api/listings/renew-by-link': 'renewListingByLink',
  'DELETE /api/listings/{id}/assistance': 'endAssistance',
  'POST /api/listings/{id}/suspend': 'suspendListing',
  'POST /api/listings/{id}/reinstate': 'reinstateListing',
  'POST /api/listings/{id}/photos': 'createPhotoUpload',
  'GET /api/listings/{id}/photos': 'listPhotos',
  'DELETE /api/listings/{id}/photos/{photoId}': 'deletePhoto',
  'GET /api/matches': 'listMatches',
  'GET /api/matches/summary': 'getMatchSummary',
  'GET /api/matches/{id}': 'getMatch',
  'POST /api/matches/{id}/interest': 'answerMatch',
  'POST /api/matches/{id}/visit': 'reportVisit',
  'GET /api/matches/{id}/messages': 'listMessages',
  'POST /api/matches/{id}/messages': 'sendMessage',
  'GET /api/lessor/listings': 'listListingsToVerify',
  'PUT /api/admin/reception-points/{id}': 'putReceptionPoint',
  'DELETE /api/admin/reception-points/{id}': 'deleteReceptionPoint',
  'GET /api/stats/quartiers': 'getQuartierStatistics',
  'GET /api/stats/communes': 'getCommuneStatistics',
  'GET /api/stats/flows': 'getFlowStatistics',
  'POST /api/swaps': 'requestSwap',
  'GET /api/swaps': 'listSwaps',
  'GET /api/swaps/{id}': 'getSwap',
  'POST /api/swaps/{id}/confirm': 'confirmSwap',
  'POST /api/swaps/{id}/reviews': 'reviewSwap',
  'POST /api/swaps/{id}/complete': 'completeSwap',
  'POST /api/swaps/{id}/cancel': 'cancelSwap',
  'GET /api/swaps/{id}/file.pdf': 'getSwapFile',
  'POST /api/reports': 'createReport',
  'GET /api/reports': 'listReports',
  'GET /api/plan': 'getPlan',
};

/** A name for an operation the table does not list yet: verb and path, camel-cased. */
export function derivedOperationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .map((segment) => (segment.startsWith('{') ? `by-${segment.slice(1, -1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words]
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  Opérations: 'Santé du service et document OpenAPI.',
  Référentiel: 'Communes, quartiers, bailleurs, typologies : public.',
  Connexion: 'Connexion par lien envoyé par e-mail, sans mot de passe.',
  'Mon compte': 'Profil, export et effacement des données (RGPD).',
  Administration: 'Comptes du personnel, points d’accueil, journal : Armos.',
  Annonces: 'Annonces des locataires et leur cycle de vie.',
  Bailleurs: 'File de vérification des bailleurs.',
  Propositions: 'Échanges à 2 ou 3 trouvés pour une annonce.',
  Photos: 'Photos des logements.',
  Statistiques: 'Indicateurs par quartier et commune (CINOR, Armos).',
  Échanges: 'Demandes d’échange, examens des bailleurs, réalisation.',
  Signalements: 'Signalements et suspensions (Armos).',
  'Clients de l’API': 'Systèmes des bailleurs : clients créés par Armos, jetons OAuth 2.0.',
  Webhooks: 'Événements envoyés aux systèmes des bailleurs, signés.',
};

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
};
type Document = ReturnType<OpenAPIHono<ApiEnv>['getOpenAPI31Document']>;

export function finishDocument(document: Document, appUrl: string): Document {
  const tags = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(operations as Record<string, Operation>)) {
      const operation = value;
      const route = `${method.toUpperCase()} ${path}`;
      operation.operationId ??= OPERATION_IDS[route] ?? derivedOperationId(method, path);
      operation.tags?.forEach((tag) => tags.add(tag));
      if (!operation.security) {
        operation.security = [];
        continue;
      }
      if (operation.security.some((requirement) => 'session' in requirement)) {
        const ways: Array<Record<string, string[]>> = [{ session: [] }, { sessionCookie: [] }];
        const httpPath = path.replace(/^\/api/, '').replace(/\{[^}]+\}/g, 'x');
        if (isLessorEndpoint(method.toUpperCase(), httpPath)) ways.push({ clientCredentials: [] });
        operation.security = ways;
      }
    }
  }
  addExamples(document as never);
  return {
    ...document,
    servers: [{ url: appUrl, description: 'Cette instance d’Échange Kaz' }],
    tags: [...tags].map((name) => ({
      name,
      ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}),
    })),
  };
}
