/**
 * Vacancies through the real API on DynamoDB Local: a lessor agent offers its own vacant dwelling
 * (never another lessor's), lists its own, withdraws and renews; Armos sees every lessor's; the
 * expiry job ends a vacancy after 60 days and tells the agent.
 */
import { addDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { auditOfSubject } from '../../functions/lib/db/audit';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from '../../functions/lib/db/client';
import { ENTITY } from '../../functions/lib/db/model';
import { transactWrite } from '../../functions/lib/db/transact';
import { createUser } from '../../functions/lib/db/users';
import {
  VACANCY_DAYS,
  findVacancy,
  openVacanciesPage,
  vacancyCreatePut,
  type StoredVacancy,
} from '../../functions/lib/db/vacancies';
import { expireVacancies } from '../../functions/scheduler/vacancy-expiry';
import { signIn } from '../support/sign-in';
import { api, createOwnTable, dropOwnTable, stackDatabase, uniqueEmail } from '../support/stack';
import { postedVacancy, vacancyBody } from '../support/vacancies';

const sidrAgent = () => signIn('agent.sidr@bourse.local');
const armos = () => signIn('armos@bourse.local');

interface VacancyView {
  id: string;
  lessorId: string;
  status: string;
  expiresAt: string;
  createdAt: string;
  chains?: { stored: number; households: number };
}

describe('vacancies', () => {
  it('lists the vacancies still offered, the nearest end first, page by page; a lessor its own only', async () => {
    // Prepare: two SHLMR vacancies, one withdrawn
    const kept = await postedVacancy('SHLMR');
    const withdrawn = await postedVacancy('SHLMR');
    const staff = await armos();
    expect(
      (await api(`/lessor/vacancies/${withdrawn}/withdraw`, { method: 'POST', token: staff.token }))
        .status,
    ).toBe(200);

    // Act: Armos walks every page of SHLMR's open ones; a SIDR agent asks for SHLMR's
    const seen: VacancyView[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ status: 'open', lessorId: 'SHLMR', limit: '5' });
      if (cursor) query.set('cursor', cursor);
      const page = (await (
        await api(`/lessor/vacancies?${query}`, { token: staff.token })
      ).json()) as { items: VacancyView[]; nextCursor?: string };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const agent = await sidrAgent();
    const own = (await (
      await api('/lessor/vacancies?status=open&lessorId=SHLMR', { token: agent.token })
    ).json()) as { items: VacancyView[] };
    const invalid = await api('/lessor/vacancies?status=let', { token: staff.token });

    // Assess
    const ids = seen.map((v) => v.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(withdrawn);
    expect(seen.every((v) => v.status === 'open' && v.lessorId === 'SHLMR')).toBe(true);
    const ends = seen.map((v) => v.expiresAt);
    expect(ends).toEqual([...ends].sort());
    expect(own.items.every((v) => v.lessorId === 'SIDR' && v.status === 'open')).toBe(true);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain('status ne peut valoir que open');
  });

  it('lets a lessor agent offer its own vacant dwelling for 60 days, audited', async () => {
    // Prepare
    const agent = await sidrAgent();

    // Act
    const response = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: vacancyBody({}, { overOccupiedOnly: true }),
    });

    // Assess
    expect(response.status).toBe(201);
    const vacancy = (await response.json()) as VacancyView & { priority: unknown };
    expect(vacancy).toMatchObject({
      lessorId: 'SIDR',
      status: 'open',
      priority: { overOccupiedOnly: true },
    });
    const days = (Date.parse(vacancy.expiresAt) - Date.parse(vacancy.createdAt)) / 86_400_000;
    expect(days).toBe(60);
    const audit = await auditOfSubject(stackDatabase(), `vacancy:${vacancy.id}`);
    expect(audit.map((entry) => entry.action)).toEqual(['vacancy-posted']);
  });

  it('refuses another lessor’s dwelling (403) and a quartier outside the commune (400)', async () => {
    // Prepare
    const agent = await sidrAgent();

    // Act
    const other = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: vacancyBody({ lessorId: 'SHLMR' }),
    });
    const misplaced = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: vacancyBody({ communeCode: '97418' }),
    });
    const withTenancy = await api('/lessor/vacancies', {
      method: 'POST',
      token: agent.token,
      json: { ...vacancyBody(), dwelling: { ...vacancyBody().dwelling, tenancyRef: 'BAIL-1' } },
    });

    // Assess
    expect(other.status).toBe(403);
    expect(misplaced.status).toBe(400);
    const issues = ((await misplaced.json()) as { error: { issues: Array<{ path: string }> } })
      .error.issues;
    expect(issues.map((issue) => issue.path)).toContain('dwelling.quartierId');
    expect(withTenancy.status).toBe(400);
  });

  it('lists a lessor’s own vacancies only, newest first, page by page; Armos sees every lessor', async () => {
    // Prepare
    const own = [await postedVacancy('SIDR'), await postedVacancy('SIDR')];
    const others = await postedVacancy('SHLMR');
    const agent = await sidrAgent();

    // Act
    const first = (await (
      await api('/lessor/vacancies?limit=1', { token: agent.token })
    ).json()) as { items: VacancyView[]; nextCursor?: string };
    const second = (await (
      await api(`/lessor/vacancies?limit=1&cursor=${first.nextCursor}`, { token: agent.token })
    ).json()) as { items: VacancyView[] };
    const all = (await (
      await api('/lessor/vacancies?limit=100', { token: agent.token })
    ).json()) as { items: VacancyView[] };
    const armosView = (await (
      await api('/lessor/vacancies?lessorId=SHLMR', { token: (await armos()).token })
    ).json()) as { items: VacancyView[] };

    // Assess
    expect([first.items[0]?.id, second.items[0]?.id]).toEqual([own[1], own[0]]);
    expect(all.items.every((v) => v.lessorId === 'SIDR')).toBe(true);
    expect(all.items.map((v) => v.id)).not.toContain(others);
    expect(armosView.items.map((v) => v.id)).toContain(others);
    expect(first.items[0]?.chains).toMatchObject({ stored: 0, households: 0 });
  });

  it('withdraws once (then 409), hides another lessor’s vacancy (404), and renews for 60 days from now', async () => {
    // Prepare
    const [withdrawn, renewed, shlmr] = [
      await postedVacancy('SIDR'),
      await postedVacancy('SIDR'),
      await postedVacancy('SHLMR'),
    ];
    const agent = await sidrAgent();
    const post = (path: string) => api(path, { method: 'POST', token: agent.token });

    // Act
    const first = await post(`/lessor/vacancies/${withdrawn}/withdraw`);
    const again = await post(`/lessor/vacancies/${withdrawn}/withdraw`);
    const foreign = await post(`/lessor/vacancies/${shlmr}/withdraw`);
    const renewal = await post(`/lessor/vacancies/${renewed}/renew`);
    const renewWithdrawn = await post(`/lessor/vacancies/${withdrawn}/renew`);

    // Assess
    expect(first.status).toBe(200);
    expect(((await first.json()) as VacancyView).status).toBe('withdrawn');
    expect(again.status).toBe(409);
    expect(foreign.status).toBe(404);
    expect(renewal.status).toBe(200);
    expect(renewWithdrawn.status).toBe(409);
    const stored = await findVacancy(stackDatabase(), withdrawn);
    expect(stored?.status).toBe('withdrawn');
  });

  it('fills a lessor’s page of open vacancies even when many of other lessors’ end sooner', async () => {
    // Prepare: on a table of its own, 120 SIDR offers ending before the 3 of SEMAC
    const db = await createOwnTable('vacancy-pages');
    try {
      const now = new Date();
      const offer = (lessorId: string, n: number): StoredVacancy => ({
        id: `VAC${lessorId}${String(n).padStart(4, '0')}`,
        lessorId,
        dwelling: { ...vacancyBody().dwelling, lessorId },
        priority: {},
        status: 'open',
        createdBy: 'agent',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: addDays(now, lessorId === 'SIDR' ? 1 + n / 1000 : 30 + n).toISOString(),
        version: 1,
      });
      const offers = [
        ...Array.from({ length: 120 }, (_, n) => offer('SIDR', n)),
        ...[1, 2, 3].map((n) => offer('SEMAC', n)),
      ];
      for (let at = 0; at < offers.length; at += 25)
        await transactWrite(
          db,
          offers.slice(at, at + 25).map((vacancy) => vacancyCreatePut(db, vacancy)),
        );

      // Act
      const first = await openVacanciesPage(db, 'SEMAC', { limit: 2 });
      const second = await openVacanciesPage(db, 'SEMAC', { limit: 2, cursor: first.cursor });
      const everyLessor = await openVacanciesPage(db, undefined, { limit: 20 });

      // Assess
      expect(first.vacancies.map((v) => v.id)).toEqual(['VACSEMAC0001', 'VACSEMAC0002']);
      expect(first.cursor).toBeDefined();
      expect(second.vacancies.map((v) => v.id)).toEqual(['VACSEMAC0003']);
      expect(second.cursor).toBeUndefined();
      expect(everyLessor.vacancies.map((v) => v.id)).toEqual(offers.slice(0, 20).map((v) => v.id));
      expect(everyLessor.cursor).toBeDefined();
    } finally {
      await dropOwnTable(db);
    }
  });

  it('expires a vacancy 60 days on, once, and mails the agent who offered it', async () => {
    // Prepare: a table of its own, so that no other file's open vacancy is expired by this run
    const db = await createOwnTable('vacancy-expiry');
    try {
      const now = new Date();
      const agent = await createUser(
        db,
        { email: uniqueEmail('agent'), role: 'lessor', lessorId: 'SIDR' },
        now,
      );
      const body = vacancyBody({ dwellingRef: 'VAC-EXPIRE' });
      const vacancy: StoredVacancy = {
        id: 'VACEXPIRE1',
        lessorId: 'SIDR',
        dwelling: body.dwelling,
        priority: {},
        status: 'open',
        createdBy: agent.id,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: addDays(now, VACANCY_DAYS).toISOString(),
        version: 1,
      };
      await transactWrite(db, [vacancyCreatePut(db, vacancy)]);
      const deps = { db, appUrl: 'http://localhost' };

      // Act
      const before = await expireVacancies(deps, addDays(now, VACANCY_DAYS - 1));
      const first = await expireVacancies(deps, addDays(now, VACANCY_DAYS + 1));
      const second = await expireVacancies(deps, addDays(now, VACANCY_DAYS + 1));

      // Assess
      expect([before.expired, first.expired, second.expired]).toEqual([0, 1, 0]);
      expect((await findVacancy(db, vacancy.id))?.status).toBe('expired');
      const mails = (await scanAll(db)).filter((item) => item.entity === ENTITY.outbox);
      expect(mails.map((mail) => [mail.to, mail.kind])).toEqual([[agent.email, 'vacancy-expired']]);
      expect(String(mails[0]?.text)).toContain('VAC-EXPIRE');
    } finally {
      await dropOwnTable(db);
    }
  });
});

async function scanAll(db: Database): Promise<Array<Record<string, unknown>>> {
  const { Items } = await db.doc.send(new ScanCommand({ TableName: db.tableName }));
  return Items ?? [];
}
