// Accounts in a real Chromium without JavaScript (issue 5): a town-hall agent signs up, opens
// the confirmation link received by mail (read from a loopback SMTP sink), signs in, sees
// her account, signs out; then forgets her password and chooses a new one. axe-core needs
// JavaScript: each kind of page is audited again in a second browser context that has it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible } from './support/browser.mjs';
import { openSession } from './support/session.mjs';

let session;
let sink;
let context;
let auditing;

before(async () => {
  session = await openSession('boussole-e2e-accounts-');
  ({ sink, context, auditing } = session);
});

after(() => session?.close());

function linkIn(text, path) {
  const match = new RegExp(`https?://[^\\s]+${path}\\?jeton=[A-Za-z0-9_-]+`).exec(text);
  assert.ok(match, `no ${path} link in:\n${text}`);
  return new URL(match[0]);
}

const auditAt = (path, name) => session.auditAt(path, name);

const submit = (page, name) => session.submit(page, name);

describe('accounts', () => {
  test('a sign-up form with errors passes axe-core', async () => {
    const page = await auditing.newPage();
    try {
      await page.goto('/compte/inscription');
      await page.getByLabel('Adresse électronique').fill('pas-une-adresse');
      await submit(page, 'Créer mon compte');
      assert.match(await page.getByRole('alert').textContent(), /pas valide/);
      await assertAccessible(page, 'sign-up with errors');
    } finally {
      await page.close();
    }
  });

  test('sign up → confirm by mail → sign in → my account → sign out → reset the password', async () => {
    const page = await context.newPage();
    const email = 'jeanne.martin@mairie-joinville.fr';
    try {
      await page.goto('/');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Créer un compte' }).first().click()]);
      await auditAt('/compte/inscription', 'sign-up');
      // A first try with a short password: the errors are announced and tied to their fields.
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Prénom et nom').fill('Jeanne Martin');
      await page.locator('#champ-password').fill('court');
      await page.locator('#champ-password_confirmation').fill('court');
      await submit(page, 'Créer mon compte');
      assert.match(await page.getByRole('alert').textContent(), /au moins 12 caractères/);
      assert.equal(await page.locator('#champ-password').getAttribute('aria-invalid'), 'true');
      await page.locator('#champ-password').fill('un mot de passe solide');
      await page.locator('#champ-password_confirmation').fill('un mot de passe solide');
      await submit(page, 'Créer mon compte');
      assert.match(await page.locator('h1').textContent(), /Consultez votre messagerie/);

      const mail = await sink.waitForMail((m) => m.to.includes(email), 10_000);
      assert.equal(mail.subject, 'Confirmez votre adresse électronique sur Boussole');
      const confirm = linkIn(mail.text, '/compte/confirmation');
      await page.goto(confirm.pathname + confirm.search);
      await auditAt(confirm.pathname + '?jeton=lien-de-test', 'confirmation');
      await submit(page, 'Confirmer mon adresse');
      assert.match(await page.locator('h1').textContent(), /Adresse confirmée/);

      await page.goto('/compte/connexion');
      await auditAt('/compte/connexion', 'login');
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill('un mot de passe solide');
      await submit(page, 'Se connecter');
      assert.equal(new URL(page.url()).pathname, '/compte');
      assert.match(await page.locator('main').textContent(), /jeanne\.martin@mairie-joinville\.fr/);
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'boussole_session');
      assert.ok(session?.httpOnly, 'HttpOnly session cookie');
      assert.equal(session.sameSite, 'Lax');

      // The pace of notifications, then "Mes alertes"; both audited signed in.
      await page.locator('label[for="rythme-weekly"]').click();  // the DSFR label covers the input
      await submit(page, 'Enregistrer');
      assert.match(await page.locator('main').textContent(), /Votre choix est enregistré/);
      assert.equal(await page.locator('#rythme-weekly').isChecked(), true);
      await auditing.addCookies(cookies);
      await auditAt('/compte', 'my account');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Mes alertes' }).click()]);
      assert.match(await page.locator('main').textContent(), /Vous n'avez aucune alerte/);
      await auditAt('/compte/alertes', 'my alerts');
      await auditing.clearCookies();
      await page.goto('/compte');

      await submit(page, 'Se déconnecter');
      assert.equal(new URL(page.url()).pathname, '/');
      await page.goto('/compte');
      assert.equal(new URL(page.url()).pathname, '/compte/connexion', 'signed out');

      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await page.getByLabel('Adresse électronique').fill(email);
      await submit(page, 'Recevoir le lien');
      const reset = await sink.waitForMail((m) => m.to.includes(email) && m.subject.startsWith('Choisissez'), 10_000);
      const link = linkIn(reset.text, '/compte/nouveau-mot-de-passe');
      await page.goto(link.pathname + link.search);
      await auditAt('/compte/nouveau-mot-de-passe?jeton=lien-de-test', 'new password');
      await page.locator('#champ-password').fill('un autre mot de passe solide');
      await page.locator('#champ-password_confirmation').fill('un autre mot de passe solide');
      await submit(page, 'Enregistrer le mot de passe');
      assert.match(await page.locator('h1').textContent(), /Mot de passe enregistré/);
      await page.getByRole('link', { name: 'Se connecter' }).last().click();
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByLabel('Mot de passe').fill('un autre mot de passe solide');
      await submit(page, 'Se connecter');
      assert.equal(new URL(page.url()).pathname, '/compte');
    } finally {
      await page.close();
    }
  });
});
