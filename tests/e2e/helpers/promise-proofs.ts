/**
 * What a sentence of the site can stand on (tests/e2e/helpers/promises.ts): a test that exercises
 * the path, by its file and exact title, or a walk the promise test runs itself; and the proofs
 * several sentences share.
 */

export type PromisePage = '/faq' | '/comment-ca-marche' | '/mentions-legales';

/** A test that exercises the path: its file and its exact title. */
export interface TestProof {
  file: string;
  test: string;
}

/** Or a walk that the promise test itself runs (see WALKS there). */
export interface WalkProof {
  walk:
    | 'a no leaves the other proposals open'
    | 'only one cookie, the session'
    | 'rights from the account page';
}

export type Proof = TestProof | WalkProof;

export interface CapabilityClaim {
  page: PromisePage;
  text: string;
  proofs: Proof[];
}

export interface Information {
  page: PromisePage;
  text: string;
  because: string;
}

export interface AwaitingWork {
  page: PromisePage;
  text: string;
  /** The part of the block not true yet. */
  notYet: string;
  awaits: string;
  proofsSoFar: Proof[];
}
export const t = (file: string, test: string): TestProof => ({ file, test });

const MATCHES = 'tests/int/matches.int.test.ts';
export const LISTINGS = 'tests/int/listings.int.test.ts';
const SWAPS = 'tests/int/swaps.int.test.ts';
export const ACCEPTS = 'shared/matching/accepts.test.ts';
export const SWAP_LIFECYCLE = 'shared/swap/lifecycle.test.ts';
const EXPIRY = 'tests/int/expiry.int.test.ts';

export const PROOF = {
  twoWay: t(
    MATCHES,
    'proposes a 2-way swap to both tenants within seconds of publication, explained, with a digest mail',
  ),
  threeWay: t(MATCHES, 'finds a 3-way chain where no 2-way swap exists'),
  contactsAfterYes: t(
    MATCHES,
    'opens messaging once everyone said yes, contacts only once every listing is verified; a stranger sees nothing',
  ),
  hiddenFromOthers: t(
    LISTINGS,
    'hides a listing from other tenants and from the cinor role (404, existence not revealed)',
  ),
  fullToLessorAndArmos: t(
    LISTINGS,
    'shows the full listing to its lessor and Armos, but not to another lessor',
  ),
  sixMonths: t(LISTINGS, 'creates a draft, publishes it for 6 months, withdraws it'),
  expiryReminders: t(EXPIRY, 'mails D-30 and D-7 reminders once each, with a renewal link'),
  renewByLink: t(
    'tests/e2e/renewal.e2e.test.ts',
    'renews once with the new date, then says it was already extended, and forgets the token',
  ),
  dueIn30Days: t(
    SWAP_LIFECYCLE,
    'goes under review at the last confirmation with one review per household entering a dwelling, due in 30 days',
  ),
  deadlineEscalation: t(
    'tests/int/review-deadlines.int.test.ts',
    'reminds the lessor a week before the deadline and escalates to Armos when overdue, once each',
  ),
  threeWaySwapFlow: t(
    SWAPS,
    'runs a 3-way swap across SHLMR and SIDR: confirmations, reviews, CALEOL file, completion; others see nothing',
  ),
  requestAndConfirmInBrowser: t(
    'tests/e2e/swap-three-way.e2e.test.ts',
    'goes from the request to "Échange réalisé" through three tenants’ and two agents’ browsers',
  ),
  refusalWithReason: t(SWAP_LIFECYCLE, 'asks a reason for a refusal and a comment for "other"'),
  lessorVerifies: t(
    'tests/e2e/lessor-verification.e2e.test.ts',
    'shows a SIDR tenant’s listing, rejects it with a reason, then lists it under "Rejetées"',
  ),
  listingForm: t(
    'tests/e2e/tenant-listing.e2e.test.ts',
    'lands on the empty state, fills the 4 steps, creates and publishes the listing',
  ),
  agentDeposits: t(
    'tests/e2e/accueil-on-behalf.e2e.test.ts',
    'creates a listing on behalf of a tenant without e-mail, with consent, and opens its printable sheet',
  ),
  agentConsent: t(
    LISTINGS,
    'lets an agent create and publish a listing for a tenant without e-mail, with recorded consent',
  ),
  agentFollowsProposals: t(
    'tests/e2e/assisted-proposals.e2e.test.ts',
    'opens the proposal from “À traiter aujourd’hui”, says yes with the tenant’s consent and sees it recorded',
  ),
  agentConfirmsSwap: t(
    'tests/e2e/assisted-proposals.e2e.test.ts',
    'confirms a swap for the tenant only once the consent is given, and the swap page shows it',
  ),
  agentStepConsent: t(
    'tests/int/assisted-proposals.int.test.ts',
    'must state the tenant’s consent for a yes, a visit and a swap request; each is kept, audited and shown to the agent only',
  ),
  agentMails: t(
    'tests/int/assisted-proposals.int.test.ts',
    'sends the assisted tenant’s proposal and swap mails to the agent too, naming the tenant; the confirmation needs the consent',
  ),
  agentQueue: t(
    'tests/int/assisted-proposals.int.test.ts',
    'queues what waits on each assisted tenant and mails it once a day, only to agents with something to do',
  ),
  exportAndErase: t('tests/int/auth.int.test.ts', 'exports my data and erases my account'),
  photosToParticipants: t(
    'tests/e2e/proposal-photos.e2e.test.ts',
    'shows A’s photo to B in the proposal, and nothing to a tenant outside it',
  ),
  nameAndPhone: t(
    'tests/e2e/account.e2e.test.ts',
    'saves name, phone and the weekly digest, which the API then returns',
  ),
  suspension: t(
    'tests/int/moderation.int.test.ts',
    'Armos suspends a listing: it leaves matching, its tenant is told why, it cannot be republished; reinstating resumes it',
  ),
  cinorMasked: t(
    'tests/int/stats.int.test.ts',
    'counts new listings of a quartier within seconds, exact for Armos, masked at quartier level for CINOR',
  ),
  maskingRule: t(
    'shared/stats/indicators.test.ts',
    'masks quartier counts 1–4 and small medians for CINOR, never zero nor commune totals',
  ),
  statsWithoutPersonalData: t(
    'tests/int/stats.int.test.ts',
    'exports CSV for French Excel and never shows personal data',
  ),
  auditTrail: t('tests/int/auth.int.test.ts', 'records sign-ins in an audit trail Armos can read'),
} as const;
