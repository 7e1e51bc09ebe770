/**
 * A one-shot message carried across a navigation ("Votre annonce est publiée" shown on the page
 * the user lands on). Read once, then gone, so it never reappears on a later visit.
 */
let pending = $state<string | null>(null);

export const flash = {
  set(message: string): void {
    pending = message;
  },
  take(): string | null {
    const message = pending;
    pending = null;
    return message;
  },
};
