// Alerts in a real Chromium without JavaScript (issue 5, item 6): from the search page, a
// visitor creates an alert, opens the confirmation link of the mail and confirms it. axe-core
// needs JavaScript: the alert pages are audited again in a context that has it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { openSession } from './support/session.mjs';

let session;
let sink;
let context;
let auditing;

before(async () => {
  session = await openSession('boussole-e2e-alerts-');
  ({ sink, context, auditing } = session);
});

after(() => session?.close());

const submit = (page, name) => session.submit(page, name);

const auditAt = (path, name) => session.auditAt(path, name);

describe('alerts', () => {
  test('search → create an alert → confirm it from the mail', async () => {
    const page = await context.newPage();
    try {
      await page.goto('/offres/recherche?q=eau');
      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('link', { name: 'Créer une alerte pour cette recherche' }).click(),
      ]);
      assert.match(await page.locator('h1').textContent(), /Créer une alerte/);
      await auditAt(new URL(page.url()).pathname + new URL(page.url()).search, 'alert form');
      await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
      await submit(page, "Créer l'alerte");
      assert.match(await page.getByRole('alert').textContent(), /adresse électronique valide/);
      await page.getByLabel('Adresse électronique').fill('agent@mairie-joinville.fr');
      await page.locator('label[for="frequence-semaine"]').click();  // the DSFR label covers the input
      await submit(page, "Créer l'alerte");
      assert.match(await page.locator('h1').textContent(), /Consultez votre messagerie/);

      const mail = await sink.waitForMail((m) => m.to.includes('agent@mairie-joinville.fr'), 10_000);
      assert.equal(mail.subject, 'Confirmez votre alerte Boussole');
      assert.match(mail.text, /chaque semaine/);
      const link = new URL(/https?:\/\/\S+\/alertes\/confirmation\?jeton=[A-Za-z0-9_-]+/.exec(mail.text)[0]);
      await page.goto(link.pathname + link.search);
      await auditAt('/alertes/confirmation?jeton=lien-de-test', 'alert confirmation');
      await submit(page, "Confirmer l'alerte");
      assert.match(await page.locator('h1').textContent(), /Alerte activée/);
      await auditAt('/alertes/desinscription?jeton=lien-de-test', 'alert unsubscribe');
    } finally {
      await page.close();
    }
  });
});
