/**
 * External links shown on public pages. Lessor names come from the shared reference data; their
 * websites are not in it yet, so the few known ones live here until `lessors.json` gets a
 * `website` field that Armos can edit. A lessor without a known site is shown without a link.
 */
import type { Lessor } from '$shared/reference/index';
import lessors from '$shared/reference/lessors.json';

export const NATIONAL_PORTAL = {
  name: 'demande-logement-social.gouv.fr',
  url: 'https://www.demande-logement-social.gouv.fr/',
};

export const CINOR_SITE = 'https://www.cinor.re/';

/** To be confirmed by Armos before going live. */
const LESSOR_WEBSITES: Record<string, string> = {
  SHLMR: 'https://www.shlmr.fr/',
  SIDR: 'https://www.sidr.fr/',
  SEMADER: 'https://www.semader.fr/',
  SODIAC: 'https://www.sodiac.fr/',
  SODEGIS: 'https://www.sodegis.fr/',
};

export interface LessorLink extends Lessor {
  website?: string;
}

export const lessorLinks: LessorLink[] = (lessors as Lessor[]).map((lessor) => ({
  ...lessor,
  website: LESSOR_WEBSITES[lessor.id],
}));
