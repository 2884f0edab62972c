// A collectivité's project in a real Chromium without JavaScript (issue 5): an agent of
// Joinville (2 915 inhabitants) signs up and confirms by mail, is made a member of the
// commune's organisation (by the database, as a platform admin's invitation would), creates
// a project at the réflexion stage, finds the Atelier des territoires among the suggested
// offers, attaches it, follows it, makes the project public, writes its case sheet and
// publishes it; a visitor then finds it in the projetothèque and sees its public part only. axe-core audits the pages in a JavaScript context.
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
let sink;
let server;
let context;
let auditing;

const sql = (statement) => execFileSync('sqlite3', [database, statement], { encoding: 'utf8' }).trim();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-projects-'));
  database = join(dir, 'boussole.db');
  copyFileSync(process.env.BOUSSOLE_TEST_DB, database);
  sql("INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Commune de Joinville', 'commune:52250', '2026-11-25T00:00:00Z')");
  session = await openSession('boussole-e2e-projects-', { databaseUrl: `sqlite://${database}` });
  ({ sink, server, context, auditing } = session);
});

after(async () => {
  try {
    await session?.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const submit = (page, name) => session.submit(page, name);

describe('projects', () => {
  test('an agent creates a project, gets the Atelier des territoires suggested, attaches it, publishes the project', async () => {
    const page = await context.newPage();
    const email = 'agent@mairie-joinville.fr';
    try {
      await page.goto('/compte/inscription');
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Prénom et nom').fill('Camille Agent');
      await page.locator('#champ-password').fill('un mot de passe solide');
      await page.locator('#champ-password_confirmation').fill('un mot de passe solide');
      await submit(page, 'Créer mon compte');
      const mail = await sink.waitForMail((m) => m.to.includes(email), 10_000);
      const link = new URL(/https?:\/\/\S+\/compte\/confirmation\?jeton=[A-Za-z0-9_-]+/.exec(mail.text)[0]);
      await page.goto(link.pathname + link.search);
      await submit(page, 'Confirmer mon adresse');
      sql(`INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT o.id, u.id, 'admin', '2026-11-25T00:00:00Z' FROM organisations o, users u WHERE u.email = '${email}'`);
      const organisation = sql('SELECT id FROM organisations');

      await page.goto('/compte/connexion');
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill('un mot de passe solide');
      await submit(page, 'Se connecter');

      await page.goto(`/organisations/${organisation}/projets`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nouveau projet' }).click()]);
      assert.equal(await page.getByLabel('Territoire').inputValue(), 'commune:52250', 'defaults to the commune');
      await page.getByLabel('Nom du projet').fill('Revitalisation du centre-bourg');
      await page.locator('#projet-public_description').fill('Un plan guide pour redonner vie au centre-bourg.');
      await page.locator('#projet-private_description').fill('Budget à confirmer en conseil municipal.');
      await page.getByLabel('Étape du projet').selectOption('preop');
      await page.locator('label[for="projet-theme-urbanisme-logement-amenagement"]').click();  // the DSFR draws the box on the label
      await submit(page, 'Enregistrer');
      const projectPath = new URL(page.url()).pathname;
      assert.match(projectPath, /^\/projets\/\d+$/);

      const suggested = page.locator('#liste-suggestions');
      const links = await suggested.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(links.some((href) => href.startsWith('/offres/atelier-des-territoires-')), links.join(', '));
      const atelier = suggested.locator('li', { has: page.locator('a[href="/offres/atelier-des-territoires-local"]') });
      await Promise.all([page.waitForNavigation(), atelier.getByRole('button', { name: /Rattacher au projet/ }).click()]);
      const attached = page.locator('section[aria-labelledby="offres"]');
      assert.match(await attached.textContent(), /À étudier/);
      await attached.getByLabel('Statut').selectOption('demandee');
      await submit(page, 'Enregistrer');
      assert.match(await page.locator('section[aria-labelledby="offres"]').textContent(), /Demandée/);
      assert.match(await page.locator('section[aria-labelledby="historique"]').textContent(), /a_etudier → demandee/);

      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Modifier le projet' }).click()]);
      await page.locator('label[for="projet-is_public"]').click();
      await submit(page, 'Enregistrer');

      // The case sheet, then the projetothèque.
      await page.goto(`${projectPath}/fiche`);
      await page.locator('#fiche-context').fill('Un centre-bourg qui se vide, des commerces fermés, une friche au cœur du bourg.');
      await submit(page, 'Enregistrer la fiche');
      await page.goto(projectPath);
      await submit(page, 'Publier dans la projetothèque');
      assert.match(await page.locator('section[aria-labelledby="projetotheque"]').textContent(), /est publiée/);

      const visitor = await context.browser().newContext({ baseURL: server.baseUrl, javaScriptEnabled: false });
      const finder = await visitor.newPage();
      await finder.goto('/projetotheque');
      await finder.locator('#projetotheque-q').fill('centre-bourg');
      await submit(finder, 'Rechercher');
      const found = await finder.locator('main a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
      assert.ok(found.includes('Revitalisation du centre-bourg'), `signed out, the projetothèque lists it: ${found.join(' | ')}`);
      await finder.close();
      const seen = await visitor.newPage();
      await seen.goto(projectPath);
      const text = await seen.locator('main').textContent();
      assert.match(text, /Un plan guide pour redonner vie au centre-bourg/);
      assert.doesNotMatch(text, /Budget à confirmer/, 'internal notes stay internal');
      assert.match(text, /Demandée/);
      await visitor.close();

      const audit = await auditing.newPage();
      await audit.goto(projectPath);
      await assertAccessible(audit, 'public project page');
      await audit.close();
    } finally {
      await page.close();
    }
  });
});
