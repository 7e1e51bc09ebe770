/**
 * docs/api.md is the living contract: every route it names is served (unless listed under
 * "Not served yet"), and every route the OpenAPI document describes is named there.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../lib/config';
import { createApi, API_BASE } from './app';
import type { ApiDeps } from './context';

const VERB = /^(GET|POST|PUT|PATCH|DELETE)(·(GET|POST|PUT|PATCH|DELETE))*$/;

/**
 * The routes a page names, as `VERB /path` with parameters written `{}`: the first cell of each
 * table row, and list items in backticks. Reads the tables' shorthand: `· /withdraw` (another last
 * segment), `· POST` (the same path), `GET·PUT /path`.
 */
function documentedRoutes(text: string): Set<string> {
  const routes = new Set<string>();
  const cells = [
    ...text
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split('|')[1] ?? ''),
    ...text
      .split('\n')
      .filter((line) => line.startsWith('- `'))
      .map((line) => line.replace(/`/g, ' ')),
    ...text
      .split('\n')
      .filter((line) => /^(GET|POST) \//.test(line))
      .map((line) => line.replace(/→[^·]*/g, ' ')),
  ];
  for (const cell of cells) {
    let verbs: string[] = [];
    let path = '';
    for (const part of cell
      .replace(/`[^`]*`/g, ' ')
      .replace(/^-/, '')
      .split(' · ')) {
      const words = part.trim().split(/\s+/).filter(Boolean);
      const verbWord = words.find((word) => VERB.test(word));
      const pathWord = words.find((word) => word.startsWith('/'));
      if (!verbWord && !pathWord) continue;
      if (verbWord) verbs = verbWord.split('·');
      if (pathWord) {
        const clean = pathWord.replace(/[?…].*$/, '');
        path = verbWord || !path ? clean : path.replace(/\/[^/]+$/, clean);
      }
      if (!path || verbs.length === 0) continue;
      for (const verb of verbs) routes.add(`${verb} ${path.replace(/:[A-Za-z]+/g, '{}')}`);
    }
  }
  return routes;
}

/** The text of a page from a heading to the next heading of any level. */
function sectionOf(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(/\n#/);
  return end < 0 ? rest : rest.slice(0, end);
}

const page = readFileSync(resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');

function servedRoutes(): Set<string> {
  // Building the document reads no dependency: routes only capture `deps` for their handlers.
  const config = parseConfig({
    TABLE_NAME: 'unused',
    APP_URL: 'http://localhost:3000',
    SESSION_SECRET: 'x'.repeat(43),
  });
  const api = createApi({ config } as ApiDeps);
  const document = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'routes', version: '1' },
  });
  const routes = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const verb of Object.keys(operations ?? {})) {
      routes.add(
        `${verb.toUpperCase()} ${path.slice(API_BASE.length).replace(/\{[^}]+\}/g, '{}')}`,
      );
    }
  }
  // The document does not describe itself.
  routes.add('GET /openapi.json');
  return routes;
}

describe('docs/api.md against the OpenAPI document', () => {
  const served = servedRoutes();
  const documented = documentedRoutes(page);
  const notServedYet = documentedRoutes(sectionOf(page, '### Not served yet'));

  it('names every route the API serves', () => {
    const missing = [...served].filter((route) => !documented.has(route));

    expect(missing).toEqual([]);
  });

  it('serves every route it names, except those it lists as not served yet', () => {
    const unserved = [...documented].filter(
      (route) => !served.has(route) && !notServedYet.has(route),
    );

    expect(unserved).toEqual([]);
  });

  it('lists as not served yet only routes that are indeed not served', () => {
    const servedAlready = [...notServedYet].filter((route) => served.has(route));

    expect(servedAlready).toEqual([]);
  });

  it('reads the shorthand of the contract tables', () => {
    const routes = documentedRoutes(
      [
        '| GET /me · PATCH /me `{displayName}` | x | y |',
        '| POST /listings/:id/publish · /withdraw · /renew | x | y |',
        '| GET /matches/:id/messages · POST `{text}` | x | y |',
        '| GET·PUT /admin/income-ceilings | x | y |',
        '| POST /admin/api-clients `{lessorId, name}` · GET · DELETE /admin/api-clients/:id | x | y |',
        '| GET /stats/communes?… · GET /stats/flows?… | x | y |',
        '- `POST /oauth/token`',
        'GET /health → `{status:"ok"}` · GET /openapi.json → the OpenAPI 3.1 document.',
      ].join('\n'),
    );

    expect([...routes].sort()).toEqual(
      [
        'GET /me',
        'PATCH /me',
        'POST /listings/{}/publish',
        'POST /listings/{}/withdraw',
        'POST /listings/{}/renew',
        'GET /matches/{}/messages',
        'POST /matches/{}/messages',
        'GET /admin/income-ceilings',
        'PUT /admin/income-ceilings',
        'POST /admin/api-clients',
        'GET /admin/api-clients',
        'DELETE /admin/api-clients/{}',
        'GET /stats/communes',
        'GET /stats/flows',
        'POST /oauth/token',
        'GET /health',
        'GET /openapi.json',
      ].sort(),
    );
  });
});
