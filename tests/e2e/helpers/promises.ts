/**
 * Every sentence block of the pages that describe what the product does (FAQ, « Comment ça
 * marche », mentions légales), and what stands behind it. tests/e2e/promises.e2e.test.ts reads the
 * pages in the browser: a block missing from these tables, or a table entry no longer on its page,
 * fails it; each proof must name a test that exists (or a walk the promise test runs itself).
 *
 * - CAPABILITY_CLAIMS: the product does it; `proofs` are the tests that exercise the path.
 * - INFORMATION: a statement that describes no capability of the product (a fact, the law,
 *   what happens outside the platform, a link).
 * - AWAITING_WORK: a capability claimed but not (wholly) true yet, with the work it waits for and
 *   the proofs of the parts that already hold. When the work lands, move the entry to
 *   CAPABILITY_CLAIMS with its new proofs.
 */
import {
  PROOF,
  t,
  LISTINGS,
  ACCEPTS,
  SWAP_LIFECYCLE,
  type AwaitingWork,
  type CapabilityClaim,
  type Information,
} from './promise-proofs';

export const CAPABILITY_CLAIMS: CapabilityClaim[] = [
  // FAQ
  {
    page: '/faq',
    text: "Non. Les autres locataires voient le logement (commune, quartier, taille, loyer, étage, photos), jamais votre nom, votre adresse ni vos revenus. Vos coordonnées ne sont partagées qu'après un « oui » de tous les participants, et une fois chaque logement vérifié par son bailleur.",
    proofs: [PROOF.hiddenFromOthers, PROOF.contactsAfterYes, PROOF.photosToParticipants],
  },
  {
    page: '/faq',
    text: "Un agent d'un point d'accueil peut déposer votre annonce avec vous, la tenir à jour et suivre les propositions pour vous : il reçoit les mails qui vous concernent (vous aussi, si vous avez une adresse e-mail), et ne répond, ne déclare une visite ou ne demande l'échange qu'avec votre accord, noté à chaque étape.",
    proofs: [
      PROOF.agentDeposits,
      PROOF.agentConsent,
      PROOF.agentFollowsProposals,
      PROOF.agentConfirmsSwap,
      PROOF.agentStepConsent,
      PROOF.agentMails,
      PROOF.agentQueue,
    ],
  },
  {
    page: '/faq',
    text: "Trois locataires échangent en boucle : vous allez chez B, B va chez C et C vient chez vous. Personne n'a besoin de vouloir le logement de celui qui veut le sien.",
    proofs: [PROOF.threeWay],
  },
  {
    page: '/faq',
    text: "Non. Vous répondez oui ou non, librement. Refuser n'a aucune conséquence sur vos autres propositions.",
    proofs: [{ walk: 'a no leaves the other proposals open' }],
  },
  {
    page: '/faq',
    text: 'Oui, vous paierez le loyer du nouveau logement. Vous pouvez indiquer un loyer maximum (charges comprises) dans votre annonce : nous ne vous proposerons pas plus cher.',
    proofs: [t(ACCEPTS, 'accepts a total rent equal to the maximum, not one euro more')],
  },
  {
    page: '/faq',
    text: "Oui. Le bailleur et la commission (CALEOL) vérifient que le logement convient à votre foyer et que vos ressources respectent le plafond du logement. Ils doivent donner le motif d'un refus.",
    proofs: [
      t(
        'shared/swap/review-info.test.ts',
        'checks the income against a configured table, by household category',
      ),
      PROOF.refusalWithReason,
    ],
  },
  {
    page: '/faq',
    text: "Chaque bailleur doit répondre dans les 30 jours après la demande d'échange. L'Armos suit les dossiers en retard.",
    proofs: [PROOF.dueIn30Days, PROOF.deadlineEscalation],
  },
  {
    page: '/faq',
    text: 'Six mois. Nous vous prévenons avant la fin, et vous pouvez la renouveler en un clic.',
    proofs: [PROOF.sixMonths, PROOF.expiryReminders, PROOF.renewByLink],
  },
  {
    page: '/faq',
    text: "Vous ne trouvez pas votre réponse ? Un point d'accueil peut vous aider.",
    proofs: [
      t(
        'tests/e2e/reception-points.e2e.test.ts',
        'Armos adds a reception point and the public page shows it',
      ),
    ],
  },
  // Comment ça marche
  {
    page: '/comment-ca-marche',
    text: 'Vous décrivez votre logement : commune, quartier, taille, loyer, étage. Vous ajoutez des photos si vous le souhaitez.',
    proofs: [
      PROOF.listingForm,
      t(
        'tests/e2e/photos.e2e.test.ts',
        'uploads a JPEG, shows it once ready, deletes it after confirmation',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Vous dites ce que vous cherchez : communes, quartiers, taille, loyer maximum, besoins (ascenseur, accessibilité…).',
    proofs: [
      PROOF.listingForm,
      t(ACCEPTS, 'meets needs: accessibility, lift or ground floor, maximum floor'),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Votre bailleur vérifie que le logement est bien le vôtre. Votre nom et votre adresse ne sont jamais publiés.',
    proofs: [PROOF.lessorVerifies, PROOF.hiddenFromOthers],
  },
  {
    page: '/comment-ca-marche',
    text: "Nous cherchons les annonces qui vont ensemble. Un échange à 2 : vous prenez le logement de l'autre locataire, il prend le vôtre.",
    proofs: [PROOF.twoWay],
  },
  {
    page: '/comment-ca-marche',
    text: 'Un échange à 3 : vous allez chez B, B va chez C, C vient chez vous. Cela multiplie les chances.',
    proofs: [PROOF.threeWay],
  },
  {
    page: '/comment-ca-marche',
    text: 'Chaque proposition explique pourquoi elle vous est faite.',
    proofs: [PROOF.twoWay],
  },
  {
    page: '/comment-ca-marche',
    text: "Vous êtes libre. Un « non » n'a aucune conséquence.",
    proofs: [{ walk: 'a no leaves the other proposals open' }],
  },
  {
    page: '/comment-ca-marche',
    text: 'Quand tout le monde a dit oui, vous pouvez vous écrire ; vos coordonnées sont partagées une fois chaque logement vérifié par son bailleur.',
    proofs: [PROOF.contactsAfterYes],
  },
  {
    page: '/comment-ca-marche',
    text: 'Vous organisez les visites entre vous. Prenez le temps de bien voir le logement et le quartier.',
    proofs: [
      PROOF.contactsAfterYes,
      t(
        'tests/e2e/visit-and-report.e2e.test.ts',
        'declines the proposal after a visit that does not suit, once confirmed',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Un des locataires fait la demande depuis la proposition. Chaque participant la confirme.',
    proofs: [PROOF.requestAndConfirmInBrowser],
  },
  {
    page: '/comment-ca-marche',
    text: "Pendant l'examen, vos annonces sont réservées à cet échange.",
    proofs: [
      PROOF.threeWaySwapFlow,
      t(
        'tests/int/swaps-concurrency.int.test.ts',
        'engage each listing in exactly one swap; every other request gets 409 and nothing is half-written',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Chaque bailleur étudie le foyer qui va entrer dans un de ses logements. Il peut demander des documents.',
    proofs: [
      t(
        SWAP_LIFECYCLE,
        'is approved when every lessor approved, documents requests included on the way',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: "La CALEOL (commission d'attribution des logements et d'examen de l'occupation des logements) du bailleur rend la décision.",
    proofs: [PROOF.threeWaySwapFlow],
  },
  {
    page: '/comment-ca-marche',
    text: "Chaque bailleur doit répondre dans les 30 jours. En cas de retard, l'Armos relance.",
    proofs: [PROOF.dueIn30Days, PROOF.deadlineEscalation],
  },
  {
    page: '/comment-ca-marche',
    text: "Le bailleur enregistre la date d'emménagement. Vos annonces sont alors fermées.",
    proofs: [
      t(
        SWAP_LIFECYCLE,
        'completes an approved swap only, with its effective date; listings end exchanged',
      ),
      PROOF.requestAndConfirmInBrowser,
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Une seule annonce par logement.',
    proofs: [
      t(LISTINGS, 'allows one active listing per tenant, and a new one after withdrawal'),
      t(
        LISTINGS,
        'keeps exactly one listing when the same tenant creates several at the same instant',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: "Que vous êtes bien locataire du logement de l'annonce.",
    proofs: [PROOF.lessorVerifies],
  },
  {
    page: '/comment-ca-marche',
    text: 'Que le nouveau logement convient à votre foyer : il ne doit pas être trop petit pour le nombre de personnes.',
    proofs: [
      t(ACCEPTS, 'refuses over-occupation at the norm boundary (3 occupants need 25 m²)'),
      t('shared/swap/review-info.test.ts', 'shows over-occupation and an undeclared income'),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: 'Que vos ressources respectent le plafond du nouveau logement (il dépend de son financement).',
    proofs: [
      t(
        'shared/swap/review-info.test.ts',
        'checks the income against a configured table, by household category',
      ),
    ],
  },
  {
    page: '/comment-ca-marche',
    text: "Les propositions arrivent dès que votre annonce est publiée, si des annonces correspondent. Ensuite, cela dépend de vous et des autres locataires. Une fois la demande d'échange faite, chaque bailleur a 30 jours pour répondre.",
    proofs: [PROOF.twoWay, PROOF.dueIn30Days],
  },
  {
    page: '/comment-ca-marche',
    text: 'Votre annonce reste en ligne 6 mois. Vous pouvez la renouveler.',
    proofs: [PROOF.sixMonths, PROOF.renewByLink],
  },
  // Mentions légales
  {
    page: '/mentions-legales',
    text: 'Votre logement sans son adresse ni sa référence : commune, quartier, taille, loyer, étage, photos. Jamais votre nom ni vos revenus.',
    proofs: [PROOF.hiddenFromOthers, PROOF.photosToParticipants],
  },
  {
    page: '/mentions-legales',
    text: 'Vous pouvez consulter, corriger, télécharger et supprimer vos données depuis votre compte. Supprimer votre compte retire votre annonce et efface vos données personnelles.',
    proofs: [
      { walk: 'rights from the account page' },
      PROOF.exportAndErase,
      t(
        'tests/e2e/account.e2e.test.ts',
        'deletes the account after a confirmation that says what is erased and what is kept',
      ),
    ],
  },
  {
    page: '/mentions-legales',
    text: 'Votre nom, votre téléphone et votre adresse e-mail, pour organiser les visites.',
    proofs: [PROOF.contactsAfterYes, PROOF.nameAndPhone],
  },
  {
    page: '/mentions-legales',
    text: 'Votre annonce complète, dont la référence de bail, la composition du foyer et les revenus si vous les avez donnés : ils en ont besoin pour vérifier et examiner la demande.',
    proofs: [PROOF.fullToLessorAndArmos, PROOF.threeWaySwapFlow],
  },
  {
    page: '/mentions-legales',
    text: 'Tout, pour coordonner les bailleurs, suivre les délais et modérer les annonces.',
    proofs: [PROOF.fullToLessorAndArmos, PROOF.deadlineEscalation, PROOF.suspension],
  },
  {
    page: '/mentions-legales',
    text: "Les annonces des personnes qu'il aide, leurs propositions, leurs messages et leurs échanges, avec leur accord enregistré.",
    proofs: [
      PROOF.agentConsent,
      PROOF.agentDeposits,
      PROOF.agentFollowsProposals,
      PROOF.agentStepConsent,
    ],
  },
  {
    page: '/mentions-legales',
    text: 'Des statistiques anonymes par commune et par quartier, jamais de données personnelles. Les nombres inférieurs à 5 par quartier sont masqués.',
    proofs: [PROOF.cinorMasked, PROOF.maskingRule, PROOF.statsWithoutPersonalData],
  },
  {
    page: '/mentions-legales',
    text: 'Chaque décision (vérification, avis du bailleur, décision de la commission) est enregistrée et datée.',
    proofs: [PROOF.threeWaySwapFlow, PROOF.auditTrail],
  },
  {
    page: '/mentions-legales',
    text: 'Vos données servent à trouver des échanges et à les faire examiner par les bailleurs. Une annonce reste en ligne 6 mois, renouvelable. Les statistiques gardées après la fermeture de votre compte sont anonymes.',
    proofs: [PROOF.sixMonths, PROOF.renewByLink, PROOF.exportAndErase],
  },
  {
    page: '/mentions-legales',
    text: "Un seul cookie, indispensable : il garde votre connexion ouverte. Aucun cookie de publicité ni de mesure d'audience.",
    proofs: [{ walk: 'only one cookie, the session' }],
  },
];

export const INFORMATION: Information[] = [
  {
    page: '/faq',
    text: "Non. Échange Kaz est gratuit. L'échange ne coûte rien de plus qu'un déménagement habituel.",
    because: 'a price, not a feature: no payment exists anywhere in the product',
  },
  {
    page: '/faq',
    text: 'Non, la bourse est réservée aux locataires du parc social. Pour demander un logement social, rendez-vous sur demande-logement-social.gouv.fr.',
    because: 'eligibility, and a link to the national service',
  },
  {
    page: '/comment-ca-marche',
    text: "De l'annonce à l'emménagement, en 7 étapes.",
    because: 'introduces the steps below',
  },
  {
    page: '/comment-ca-marche',
    text: "Si tous les bailleurs acceptent, vous signez un nouveau bail pour votre nouveau logement. Un état des lieux est fait à la sortie et à l'entrée.",
    because: 'happens at the lessor’s office, outside the platform',
  },
  {
    page: '/comment-ca-marche',
    text: "Les locataires en titre d'un logement social à Saint-Denis, Sainte-Marie ou Sainte-Suzanne.",
    because: 'eligibility (the communes offered come from the reference data)',
  },
  {
    page: '/comment-ca-marche',
    text: 'Le logement appartient à un bailleur social de La Réunion (SHLMR, SIDR, SEMADER, SODIAC, SEDRE, SEMAC, SODEGIS).',
    because: 'eligibility (the lessors offered come from the reference data)',
  },
  {
    page: '/comment-ca-marche',
    text: "Vous n'êtes pas locataire d'un logement social ? Faites une demande sur demande-logement-social.gouv.fr.",
    because: 'a link to the national service',
  },
  {
    page: '/comment-ca-marche',
    text: "Les documents habituels d'une attribution de logement social.",
    because: 'handled by the lessor outside the platform',
  },
  {
    page: '/comment-ca-marche',
    text: 'Déposer mon annonce Questions fréquentes',
    because: 'two links (their pages are walked by the public pages test)',
  },
  {
    page: '/mentions-legales',
    text: "Échange Kaz est la bourse d'échange de logements sociaux de la Communauté intercommunale du Nord de La Réunion (CINOR), prévue par son plan partenarial de gestion de la demande de logement social (action 8.1). Elle est menée avec l'Armos, l'association des bailleurs sociaux de La Réunion, et les bailleurs membres.",
    because: 'who publishes the service',
  },
  {
    page: '/mentions-legales',
    text: 'Hébergement : Amazon Web Services (services en nuage).',
    because: 'the host (infra/)',
  },
  {
    page: '/mentions-legales',
    text: 'Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr).',
    because: 'the law, and a link',
  },
];

/** Claimed, not wholly true yet: each names the work it waits for. */
export const AWAITING_WORK: AwaitingWork[] = [];
