/**
 * The one error taxonomy of the product. Domain code throws these; each app's error handler
 * turns them into the API's `{error:{code,message,issues}}` shape. Messages are French because
 * people read them.
 */
import type { z } from 'zod';
import type { errorCodeSchema, fieldIssueSchema } from './schemas/common';

export type ErrorCode = z.infer<typeof errorCodeSchema>;
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super('validation_failed', message, issues);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Vous devez vous connecter pour continuer.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Vous n'avez pas le droit de faire cette action.") {
    super('forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Élément introuvable.') {
    super('not_found', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, [], options);
  }
}

export class RateLimitedError extends AppError {
  constructor(message = 'Trop de demandes. Réessayez dans quelques minutes.') {
    super('rate_limited', message);
  }
}
