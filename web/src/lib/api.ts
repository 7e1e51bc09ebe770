/**
 * The one way the web app talks to the API: same origin under /api, JSON in and out, the session
 * cookie sent along. Any non-2xx answer becomes an `ApiError` carrying the API's French message and
 * field issues (docs/api.md "Conventions", errors), so pages never parse error bodies themselves.
 */
import type { ErrorCode, FieldIssue } from '$shared/errors';

/** `network` is ours: the request never got an answer (offline phone, server down). */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = '/api';
const UNREADABLE_ERROR =
  'Le service a répondu de façon inattendue. Réessayez dans quelques instants.';
const NETWORK_ERROR =
  'Impossible de joindre le service. Vérifiez votre connexion internet puis réessayez.';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  if (response.status === 204 || response.status === 202) return readOptionalJson<T>(response);
  return (await response.json()) as T;
}

/**
 * A list answered as an array, whose next page the `Link: <…>; rel="next"` header names
 * (GET /matches): read as a `Page` like the lists that carry their cursor in the body.
 */
async function linkedPage<T>(path: string): Promise<Page<T>> {
  const response = await send('GET', path);
  const items = (await response.json()) as T[];
  const nextCursor = nextCursorOf(response.headers.get('link'));
  return nextCursor ? { items, nextCursor } : { items };
}

export function nextCursorOf(link: string | null): string | undefined {
  const target = /<([^>]+)>\s*;\s*rel="next"/.exec(link ?? '')?.[1];
  return target
    ? (new URL(target, 'http://page').searchParams.get('cursor') ?? undefined)
    : undefined;
}

/** The response of a request that succeeded; an `ApiError` otherwise. */
async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      credentials: 'include',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw Object.assign(new ApiError(0, 'network', NETWORK_ERROR), { cause });
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** 202/204 may come with or without a body; callers of those endpoints rarely need it. */
async function readOptionalJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const { error } = (await response.json()) as {
      error?: { code?: ErrorCode; message?: string; issues?: FieldIssue[] };
    };
    if (error?.code && error.message)
      return new ApiError(response.status, error.code, error.message, error.issues ?? []);
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502…): fall through to the generic message.
  }
  return new ApiError(
    response.status,
    response.status >= 500 ? 'internal' : codeFromStatus(response.status),
    UNREADABLE_ERROR,
  );
}

function codeFromStatus(status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = {
    400: 'validation_failed',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    429: 'rate_limited',
  };
  return byStatus[status] ?? 'internal';
}

/** A page of a list the API hands out in pages: `nextCursor` asks for the next one, absent on the last. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  getLinkedPage: <T>(path: string) => linkedPage<T>(path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
