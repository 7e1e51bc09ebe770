import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api';
import { handleError, issueFor } from './errors';

describe('handleError', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("shows the API's French message and keeps its field issues", () => {
    const issues = [{ path: 'email', message: 'Adresse e-mail invalide.' }];
    const shown = handleError(
      new ApiError(400, 'validation_failed', 'Requête invalide.', issues),
      'Échec.',
    );

    expect(shown).toEqual({ message: 'Requête invalide.', issues });
    expect(issueFor(shown, 'email')).toBe('Adresse e-mail invalide.');
  });

  it('hides server failures behind the fallback', () => {
    const shown = handleError(
      new ApiError(500, 'internal', 'boom'),
      'Le lien n’a pas pu être envoyé.',
    );

    expect(shown.message).toBe('Le lien n’a pas pu être envoyé.');
  });

  it('logs unexpected errors and shows the fallback', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});

    const shown = handleError(new Error('bug'), 'Une erreur est survenue.');

    expect(shown).toEqual({ message: 'Une erreur est survenue.', issues: [] });
    expect(log).toHaveBeenCalledOnce();
  });
});
