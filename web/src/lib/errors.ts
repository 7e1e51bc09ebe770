/**
 * The single place where the UI turns a thrown value into something to show. Pages call
 * `handleError(error, 'Impossible de …')` in their catch blocks and render the result (usually
 * through <ErrorSummary>); unexpected errors are logged for the developer, never shown raw.
 */
import type { FieldIssue } from '$shared/errors';
import { ApiError } from './api';

export interface UiError {
  /** French sentence for people. */
  message: string;
  /** Field-level problems, keyed by the API's dotted path (e.g. `dwelling.surface`). */
  issues: FieldIssue[];
}

export function handleError(error: unknown, fallback: string): UiError {
  if (error instanceof ApiError) {
    // 5xx and network messages are already generic; API 4xx messages are written for people.
    return { message: error.code === 'internal' ? fallback : error.message, issues: error.issues };
  }
  console.error(fallback, error);
  return { message: fallback, issues: [] };
}

/** The message for one field, so a form can pass `issueFor(uiError, 'email')` to its field. */
export function issueFor(error: UiError | null, path: string): string | undefined {
  return error?.issues.find((issue) => issue.path === path)?.message;
}
