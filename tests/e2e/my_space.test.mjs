// "Mon espace" in a real Chromium without JavaScript (issue 8, item 2): an agent of
// Joinville creates a project and follows an offer, files a request for engineering, and
// its commune is in a Fabrique with a seminar coming; Mon espace shows all three with their
// states, and passes axe-core signed in.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/browser.mjs';
import { openSession } from './support/session.mjs';

let dir;
let database;
let session;

const sql = (statement) => execFileSync('sqlite3', [database, statement], { encoding: 'utf8' }).trim();
const at = "'2026-11-25T00:00:00Z'";

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-my-space-'));
  database = join(dir, 'boussole.db');
  copyFileSync(process.env.BOUSSOLE_TEST_DB, database);
  sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Commune de Joinville', 'commune:52250', ${at})`);
  sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('anct', 'ANCT', NULL, ${at})`);
  // A Fabrique piloted by the ANCT with Joinville selected and an inter-site seminar in a week
  // (the programme's own journeys build them through the pages: tests/e2e/programmes.test.mjs).
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 19) + 'Z';
  sql(`INSERT INTO programmes (slug, type, title, year, organisation_id, created_at) SELECT 'fabrique-bourgs-2026', 'fabrique', 'Fabrique des bourgs-centres', 2026, id, ${at} FROM organisations WHERE name = 'ANCT'`);
  sql(`INSERT INTO programme_territories (programme_id, territory_id, status, origin, created_at) SELECT id, 'commune:52250', 'selected', 'anct', ${at} FROM programmes WHERE slug = 'fabrique-bourgs-2026'`);
  sql(`INSERT INTO seminars (programme_id, kind, number, title, starts_at, minutes, created_at) SELECT id, 'intersite', 1, 'Séminaire inter-sites 1', '${inAWeek}', 300, ${at} FROM programmes WHERE slug = 'fabrique-bourgs-2026'`);
  session = await openSession('boussole-e2e-my-space-', { databaseUrl: `sqlite://${database}` });
});

after(async () => {
  try {
    await session?.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const submit = (page, name) => session.submit(page, name);

describe('Mon espace', () => {
  test('a commune finds its project, its request and its programme with their states', async () => {
    const email = 'agent@mairie-joinville.fr';
    const page = await session.context.newPage();
    try {
      await page.goto('/compte/inscription');
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Prénom et nom').fill('Camille Agent');
      await page.locator('#champ-password').fill('un mot de passe solide');
      await page.locator('#champ-password_confirmation').fill('un mot de passe solide');
      await submit(page, 'Créer mon compte');
      sql(`UPDATE users SET confirmed_at = ${at} WHERE email = '${email}'`);
      sql(`INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT o.id, u.id, 'member', ${at} FROM organisations o, users u WHERE o.name = 'Commune de Joinville' AND u.email = '${email}'`);
      await page.goto('/compte/connexion');
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill('un mot de passe solide');
      await submit(page, 'Se connecter');
      const organisation = sql("SELECT id FROM organisations WHERE name = 'Commune de Joinville'");

      // A project following the Atelier des territoires, "demandée".
      await page.goto(`/organisations/${organisation}/projets/nouveau`);
      await page.getByLabel('Nom du projet').fill('Halles du centre');
      await page.getByLabel('Étape du projet').selectOption('preop');
      await submit(page, 'Enregistrer');
      const atelier = page.locator('#liste-suggestions li', { has: page.locator('a[href="/offres/atelier-des-territoires-local"]') });
      await Promise.all([page.waitForNavigation(), atelier.getByRole('button', { name: /Rattacher au projet/ }).click()]);
      await page.locator('section[aria-labelledby="offres"]').getByLabel('Statut').selectOption('demandee');
      await submit(page, 'Enregistrer');

      // A request, filed.
      await page.goto(`/organisations/${organisation}/demandes/nouvelle`);
      await page.getByLabel('Circuit').selectOption('anct');
      await page.getByLabel('Titre').fill('Revitaliser la grande rue');
      await page.locator('#demande-besoin').fill('Un plan guide pour la grande rue.');
      await page.locator('#demande-deja_tente').fill('Une étude de 2019 restée sans suite.');
      await submit(page, 'Enregistrer le brouillon');
      const form = page.locator('#etape-deposer');
      await form.getByLabel('Le besoin').fill('Un plan guide pour la grande rue.');
      await form.getByLabel('Ce qui a déjà été tenté').fill('Une étude de 2019 restée sans suite.');
      await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
      assert.equal((await page.locator('#etat').textContent()).trim(), 'Déposée');

      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Mon espace' }).first().click()]);
      assert.equal(new URL(page.url()).pathname, '/mon-espace');
      const main = page.locator('main');
      const project = main.locator('li', { has: page.getByRole('link', { name: 'Halles du centre', exact: true }) });
      assert.match(await project.textContent(), /Atelier des territoires.*: Demandée/s);
      const request = main.getByRole('row', { name: /Revitaliser la grande rue/ });
      assert.match(await request.textContent(), /Déposée/);
      const programme = main.locator('li', { has: page.getByRole('link', { name: 'Fabrique des bourgs-centres', exact: true }) });
      assert.match(await programme.textContent(), /Territoire retenu/);
      assert.match(await programme.textContent(), /Prochain séminaire : Séminaire inter-sites 1/);
      assert.match(await main.textContent(), /Échéances des 30 prochains jours/);

      await session.auditing.addCookies(await session.context.cookies());
      await session.auditAt('/mon-espace', 'Mon espace');
    } finally {
      await page.close();
    }
  });
});
