/**
 * The API's one error handler: domain errors become their 4xx with the contract's shape,
 * anything unexpected is logged and answered with a bare 500 (never a stack trace).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, ValidationError, type ErrorCode, type FieldIssue } from '../../shared/errors';
import { logger } from '../lib/logger';

export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

export function errorBody(code: ErrorCode, message: string, issues?: FieldIssue[]) {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

export function issuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(corps)',
    message: issue.message,
  }));
}

export function validationErrorFromZod(error: ZodError): ValidationError {
  const issues = issuesFromZod(error);
  const first = issues[0];
  const message = first
    ? `Champ « ${first.path} » invalide : ${first.message}${issues.length > 1 ? ` (et ${issues.length - 1} autre(s) problème(s))` : ''}`
    : 'Requête invalide.';
  return new ValidationError(message, issues);
}

function fromHttpException(error: HTTPException): AppError {
  if (error.status === 400 || error.status === 415) {
    return new ValidationError(
      'Le corps de la requête doit être un JSON valide (Content-Type: application/json).',
    );
  }
  if (error.status === 401)
    return new AppError('unauthenticated', 'Vous devez vous connecter pour continuer.');
  if (error.status === 413) return new ValidationError('La requête est trop volumineuse.');
  return new AppError('internal', 'Une erreur est survenue.');
}

export function handleError(error: unknown, c: Context): Response {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof ZodError) appError = validationErrorFromZod(error);
  else if (error instanceof HTTPException) appError = fromHttpException(error);
  else appError = new AppError('internal', 'Une erreur interne est survenue. Réessayez plus tard.');

  if (appError.code === 'internal') {
    logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error });
  }
  return c.json(
    errorBody(appError.code, appError.message, appError.issues),
    STATUS_OF[appError.code],
  );
}
