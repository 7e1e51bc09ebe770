import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ErrorSummary from './ErrorSummary.svelte';

describe('ErrorSummary', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) unmount(component);
    document.body.innerHTML = '';
  });

  it('is an alert that takes focus and links each issue to its field', () => {
    // Prepare / Act
    component = mount(ErrorSummary, {
      target: document.body,
      props: {
        message: "L'annonce n'est pas complète.",
        issues: [
          { path: 'dwelling.surface', message: 'La surface doit être un nombre (en m²).' },
          { path: 'wishes.communes', message: 'Choisissez au moins une commune souhaitée.' },
        ],
      },
    });
    flushSync();

    // Assess
    const alert = document.querySelector('[role="alert"]') as HTMLElement;
    expect(alert).not.toBeNull();
    expect(alert.textContent).toContain("L'annonce n'est pas complète.");
    expect(document.activeElement).toBe(alert);
    const links = [...alert.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(links).toEqual(['#dwelling-surface', '#wishes-communes']);
  });
});
