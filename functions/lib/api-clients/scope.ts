/**
 * What an API client's token may call: the lessor's own work, nothing else (issue 19). Anything
 * not listed here answers 403 to a client token, whatever the route's own role checks say.
 */
const LESSOR_ENDPOINTS: ReadonlyArray<{ methods: readonly string[]; path: RegExp }> = [
  // Verification queue, webhooks, vacancies and exports of the lessor.
  { methods: ['GET', 'POST', 'DELETE'], path: /^\/lessor(\/|$)/ },
  { methods: ['GET'], path: /^\/listings\/[^/]+$/ },
  { methods: ['GET'], path: /^\/listings\/[^/]+\/photos$/ },
  { methods: ['POST'], path: /^\/listings\/[^/]+\/verification$/ },
  { methods: ['GET'], path: /^\/swaps$/ },
  { methods: ['GET'], path: /^\/swaps\/[^/]+$/ },
  { methods: ['GET'], path: /^\/swaps\/[^/]+\/file\.pdf$/ },
  { methods: ['POST'], path: /^\/swaps\/[^/]+\/(reviews|complete)$/ },
  { methods: ['GET'], path: /^\/(ref|health|openapi\.json)$/ },
];

/** `path` without the API's base path, e.g. `/swaps/01H…/reviews`. */
export function isLessorEndpoint(method: string, path: string): boolean {
  const verb = method === 'HEAD' ? 'GET' : method;
  return LESSOR_ENDPOINTS.some(
    (endpoint) => endpoint.methods.includes(verb) && endpoint.path.test(path),
  );
}
