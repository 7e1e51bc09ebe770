/** Fills the listing form's steps the way a person would: by visible labels. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const stepHeading = (page: Page) => page.locator('h2.listing-form__title');

export async function continueTo(page: Page, stepTitle: string): Promise<void> {
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect.poll(() => stepHeading(page).textContent()).toContain(stepTitle);
}

export async function fillDwelling(page: Page, tenancyRef: string): Promise<void> {
  await page.getByLabel('Votre bailleur').selectOption('SIDR');
  await page.getByLabel('Référence de bail').fill(tenancyRef);
  await page.getByLabel('Numéro de logement').fill('LGT-77');
  await page.getByLabel('Commune').selectOption('97411');
  await page.getByLabel('Quartier').selectOption('97411-le-chaudron');
  await page.getByLabel('Typologie').selectOption('T3');
  await page.getByLabel('Surface habitable (m²)').fill('65');
  await page.getByLabel('Loyer mensuel, hors charges (€)').fill('480');
  await page.getByLabel('Charges mensuelles (€)').fill('60');
  await page.getByLabel('Étage').fill('2');
  await page.getByRole('group', { name: 'Y a-t-il un ascenseur ?' }).getByLabel('Non').check();
  await page
    .getByRole('group', { name: 'Le logement est-il accessible PMR ?' })
    .getByLabel('Non')
    .check();
  await page.getByRole('radio', { name: /^LLS/ }).check();
  await page.getByRole('checkbox', { name: 'Balcon ou varangue' }).check();
}

export async function fillHousehold(page: Page): Promise<void> {
  await page.getByLabel(/Nombre d.adultes/).fill('2');
  await page.getByLabel(/Nombre d.enfants/).fill('1');
  await page
    .getByLabel('Pourquoi voulez-vous changer de logement ?')
    .selectOption('over_occupation');
}

export async function fillWishes(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Sainte-Marie' }).check();
  await page.getByRole('checkbox', { name: 'T4', exact: true }).check();
  await page.getByLabel(/Loyer \+ charges au plus/).fill('700');
}
