/**
 * Use cases of vacancies (docs/api.md "Additions"): a lessor agent offers one of its vacant
 * dwellings to mutation, lists its own, withdraws or renews one; Armos does so for every lessor.
 * The matcher finds the chains from the table's stream; this page only reads what it stored.
 */
import { addDays } from 'date-fns';
import { ulid } from 'ulid';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../shared/errors';
import { referenceIssues } from '../../../shared/listing/validate';
import type { User } from '../../../shared/schemas/user';
import type { Vacancy, VacancyBody, VacancyChains } from '../../../shared/schemas/vacancy';
import { auditPut } from '../db/audit';
import type { Database } from '../db/client';
import { getMatches } from '../db/matches';
import { transactWrite } from '../db/transact';
import {
  VACANCY_DAYS,
  findVacancy,
  isOpen,
  openVacanciesPage,
  vacanciesPage,
  vacancyChainLinks,
  vacancyCreatePut,
  vacancyUpdatePut,
  type StoredVacancy,
} from '../db/vacancies';
import type { AppContext } from '../app-context';

export type VacancyDeps = Pick<AppContext, 'db' | 'now' | 'reference'>;

const LIVE_CHAIN_STATUSES = new Set(['proposed', 'mutual', 'engaged']);

function changedMeanwhile(): ConflictError {
  return new ConflictError('Ce logement vacant a été modifié entre-temps : rechargez la page.');
}

function engagedInSwap(): ConflictError {
  return new ConflictError(
    'Une chaîne de mutation est en cours dans ce logement vacant : il reste réservé jusqu’à ce que l’échange soit réalisé, refusé ou annulé.',
  );
}

/** A lessor acts on its own dwellings only; Armos on every lessor's. */
function mayActFor(caller: User, lessorId: string): boolean {
  return caller.role === 'armos' || (caller.role === 'lessor' && caller.lessorId === lessorId);
}

function auditOf(caller: User, action: string, vacancy: StoredVacancy) {
  return {
    actorId: caller.id,
    actorRole: caller.role,
    action,
    subject: `vacancy:${vacancy.id}`,
    details: { lessorId: vacancy.lessorId, status: vacancy.status, expiresAt: vacancy.expiresAt },
  };
}

export async function postVacancy(
  deps: VacancyDeps,
  caller: User,
  body: VacancyBody,
): Promise<Vacancy> {
  if (!mayActFor(caller, body.dwelling.lessorId))
    throw new ForbiddenError('Vous ne pouvez proposer que des logements de votre bailleur.');
  const issues = referenceIssues(
    { dwelling: { ...body.dwelling, tenancyRef: '-' } },
    await deps.reference(),
  );
  if (issues.length > 0) throw new ValidationError('Le logement vacant est incomplet.', issues);
  const now = deps.now();
  const at = now.toISOString();
  const vacancy: StoredVacancy = {
    id: ulid(now.getTime()),
    lessorId: body.dwelling.lessorId,
    dwelling: body.dwelling,
    priority: body.priority,
    status: 'open',
    createdBy: caller.id,
    createdAt: at,
    updatedAt: at,
    expiresAt: addDays(now, VACANCY_DAYS).toISOString(),
    version: 1,
  };
  await transactWrite(deps.db, [
    vacancyCreatePut(deps.db, vacancy),
    auditPut(deps.db, auditOf(caller, 'vacancy-posted', vacancy), now),
  ]);
  return withoutVersion(vacancy);
}

/** The caller's vacancy, or 404 when it is another lessor's (its existence is not revealed). */
async function vacancyOfCaller(
  deps: VacancyDeps,
  caller: User,
  vacancyId: string,
): Promise<StoredVacancy> {
  const vacancy = await findVacancy(deps.db, vacancyId);
  if (!vacancy || !mayActFor(caller, vacancy.lessorId))
    throw new NotFoundError('Logement vacant introuvable.');
  return vacancy;
}

async function change(
  deps: VacancyDeps,
  caller: User,
  current: StoredVacancy,
  updated: StoredVacancy,
  action: string,
): Promise<Vacancy> {
  const now = deps.now();
  await transactWrite(
    deps.db,
    [
      vacancyUpdatePut(deps.db, updated, current.version),
      auditPut(deps.db, auditOf(caller, action, updated), now),
    ],
    changedMeanwhile,
  );
  return withChains(deps, { ...updated, version: current.version + 1 });
}

/** No longer offered: its chains are closed by the matcher and their tenants see them go. */
export async function withdrawVacancy(
  deps: VacancyDeps,
  caller: User,
  vacancyId: string,
): Promise<Vacancy> {
  const current = await vacancyOfCaller(deps, caller, vacancyId);
  if (current.status === 'engaged') throw engagedInSwap();
  if (current.status !== 'open')
    throw new ConflictError('Ce logement vacant n’est plus proposé : il ne peut pas être retiré.');
  const at = deps.now().toISOString();
  return change(
    deps,
    caller,
    current,
    { ...current, status: 'withdrawn', updatedAt: at },
    'vacancy-withdrawn',
  );
}

/** Offered for another 60 days from now; an expired vacancy is offered again. */
export async function renewVacancy(
  deps: VacancyDeps,
  caller: User,
  vacancyId: string,
): Promise<Vacancy> {
  const current = await vacancyOfCaller(deps, caller, vacancyId);
  if (current.status === 'engaged') throw engagedInSwap();
  if (current.status !== 'open' && current.status !== 'expired')
    throw new ConflictError(
      'Ce logement vacant a été retiré ou attribué : il ne peut pas être prolongé.',
    );
  const now = deps.now();
  return change(
    deps,
    caller,
    current,
    {
      ...current,
      status: 'open',
      updatedAt: now.toISOString(),
      expiresAt: addDays(now, VACANCY_DAYS).toISOString(),
    },
    'vacancy-renewed',
  );
}

export async function listVacancies(
  deps: VacancyDeps,
  caller: User,
  page: {
    lessorId?: string;
    status?: 'open';
    limit: number;
    cursor?: Record<string, unknown>;
  },
): Promise<{ items: Vacancy[]; cursor?: Record<string, unknown> }> {
  const lessorId = caller.role === 'lessor' ? caller.lessorId : page.lessorId;
  const found =
    page.status === 'open'
      ? await openVacanciesPage(deps.db, lessorId, page)
      : await vacanciesPage(deps.db, lessorId, page);
  // An offer past its end is no longer open, though the daily job has not marked it expired yet.
  const now = deps.now();
  const shown =
    page.status === 'open' ? found.vacancies.filter((v) => isOpen(v, now)) : found.vacancies;
  return {
    items: await Promise.all(shown.map((vacancy) => withChains(deps, vacancy))),
    ...(found.cursor ? { cursor: found.cursor } : {}),
  };
}

/** The chains stored through the vacancy that can still happen, best first. */
export async function chainsOfVacancy(db: Database, vacancyId: string): Promise<VacancyChains> {
  const all = await vacancyChainLinks(db, vacancyId);
  // The link keeps where each mover comes from; the match, its current status.
  const statuses = new Map(
    (
      await getMatches(
        db,
        all.map((link) => link.matchId),
      )
    ).map((match) => [match.id, match.status]),
  );
  const links = all
    .map((link) => ({ ...link, status: statuses.get(link.matchId) ?? 'closed' }))
    .filter((link) => LIVE_CHAIN_STATUSES.has(link.status))
    .sort((a, b) => b.score - a.score || a.matchId.localeCompare(b.matchId));
  return {
    stored: links.length,
    households: Math.max(0, ...links.map((link) => link.listingIds.length)),
    chains: links.map((link) => ({
      matchId: link.matchId,
      status: link.status,
      movers: link.listingIds.length,
      score: link.score,
      moves: link.path.map((from) => ({ from })),
    })),
  };
}

async function withChains(deps: VacancyDeps, vacancy: StoredVacancy): Promise<Vacancy> {
  return { ...withoutVersion(vacancy), chains: await chainsOfVacancy(deps.db, vacancy.id) };
}

function withoutVersion(vacancy: StoredVacancy): Vacancy {
  const { version: _version, ...rest } = vacancy;
  return rest;
}
