// The whole community flow in a real browser (Debian's chromium driven by playwright-core),
// with axe-core (WCAG 2.1 A/AA) on every page and form involved:
// register -> confirm by the e-mail link -> log in -> write a practice example (with a preview)
// -> send it in -> the redacteur publishes it -> anyone finds it by search -> a member comments
// -> the author deletes the account, and the example stays under "voormalig lid" -> the
// beheerder deletes another account.
// Usage: node community_flow.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axe, check, demoAccount, finish, freePort, launchChromium, login, waitReady } from './lib.mjs';

const binary = process.argv[2];
const author = { name: 'Sanne de Boer', email: 'sanne@example.org', password: 'tuinieren in de wijk' };
// A word that is in no demo item, so the search proves the new example was indexed.
const marker = 'kruidentuinproject';
const title = 'Buurtmoestuin bij de Zonnewijde (fictief)';

async function logout(page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForLoadState();
}

async function mainText(page) {
  return (await page.textContent('main')) ?? '';
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-flow-'));
const demo = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
const account = (role) => {
  const found = demoAccount(demo, role);
  check(`the demo prints the ${role} account`, found !== null, demo.slice(-300));
  return found ?? { email: '', password: '' };
};
const beheerder = account('beheerder');
const redacteur = account('redacteur');
const lid = account('lid');

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  check('server becomes ready', await waitReady(base, 10000));
  // axe is injected as an inline script, which our CSP forbids: these contexts bypass CSP.
  const newPage = async () => (await browser.newContext({ bypassCSP: true })).newPage();
  const me = await newPage();

  // 1. Register.
  await me.goto(`${base}/account/aanmaken`);
  await axe(me, 'register');
  await me.getByLabel('Naam').fill(author.name);
  await me.getByLabel('E-mailadres').fill(author.email);
  await me.getByLabel('Wachtwoord').fill(author.password);
  await me.getByRole('button', { name: 'Account aanmaken' }).click();
  await me.waitForLoadState();
  check('registering asks to check the e-mail', (await mainText(me)).includes('Kijk in uw e-mail'));
  await axe(me, 'registered');

  // 2. Confirm: without SMTP the e-mail waits in the outbox, which the beheerder reads.
  const admin = await newPage();
  await login(admin, base, beheerder.email, beheerder.password);
  await admin.goto(`${base}/beheer/e-mail`);
  const outbox = await mainText(admin);
  const link = /http:\/\/\S+\/account\/bevestigen\?code=([A-Za-z0-9_-]+)/.exec(outbox);
  check('the outbox holds the confirmation link', link !== null);
  if (link) await me.goto(`${base}/account/bevestigen?code=${link[1]}`);
  await axe(me, 'login after confirming');

  // 3. Log in.
  await login(me, base, author.email, author.password);
  check('the author is logged in', (await me.textContent('header')).includes(author.name));
  await axe(me, 'account page');

  // 4. Write a practice example, look at the preview, save it.
  await me.goto(`${base}/bijdragen`);
  await axe(me, 'my contributions (empty)');
  await me.goto(`${base}/bijdragen/nieuw`);
  await axe(me, 'new contribution form');
  await me.getByLabel('Titel').fill(title);
  await me.getByLabel('Praktijkvoorbeeld').check();
  await me.getByLabel('Korte samenvatting').fill(`Bewoners van de Zonnewijde maken samen een moestuin. Het ${marker} brengt jong en oud bij elkaar.`);
  await me.getByLabel('Tekst', { exact: true }).fill(
    `## Aanpak\n\nWe begonnen met **tien bewoners** en een stuk grond van de gemeente.\n\n- elke zaterdag samen werken\n- oogst delen met de voedselbank\n\n<script>alert(1)</script>\n\nHet ${marker} loopt nu twee jaar.`);
  await me.locator('#themas input[type=checkbox]').first().check();
  await me.locator('#doelen input[type=checkbox]').first().check();
  await me.locator('#sporen input[type=checkbox]').first().check();
  await me.getByLabel('Lokaal').check();
  await me.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
  await me.waitForLoadState();
  const preview = me.locator('.preview-body');
  check('the preview renders the Markdown', (await preview.locator('strong').count()) > 0 && (await preview.locator('li').count()) === 2);
  check('the preview shows a script as text, never as a script', (await preview.locator('script').count()) === 0);
  check('the form keeps what was typed', (await me.getByLabel('Titel').inputValue()) === title);
  await axe(me, 'contribution form with preview');
  await me.getByRole('button', { name: 'Opslaan' }).click();
  await me.waitForLoadState();
  check('saving shows the contribution', (await mainText(me)).includes('Uw bijdrage is opgeslagen'), me.url());
  await axe(me, 'contribution page (draft)');

  // 5. Send it in.
  await me.getByRole('button', { name: 'Insturen naar de redactie' }).click();
  await me.waitForLoadState();
  check('sending in is confirmed', (await mainText(me)).includes('Uw bijdrage is ingediend'));
  await axe(me, 'contribution page (submitted)');

  // 6. The redacteur publishes it.
  const editor = await newPage();
  await login(editor, base, redacteur.email, redacteur.password);
  await editor.goto(`${base}/redactie`);
  await axe(editor, 'review queue');
  await editor.getByRole('link', { name: title }).first().click();
  await editor.waitForLoadState();
  await axe(editor, 'review page');
  await editor.getByRole('button', { name: 'Publiceren' }).click();
  await editor.waitForLoadState();
  check('publishing is confirmed', (await mainText(editor)).includes('De bijdrage is gepubliceerd'));

  // 7. Anyone finds it by search.
  const visitor = await newPage();
  await visitor.goto(`${base}/kennisbank?q=${marker}`);
  await axe(visitor, 'search with the new example');
  const hit = visitor.getByRole('link', { name: title });
  check('search finds the published example', (await hit.count()) > 0);
  if ((await hit.count()) > 0) await hit.first().click();
  await visitor.waitForLoadState();
  const itemUrl = visitor.url();
  check('the item page shows the example', (await mainText(visitor)).includes('tien bewoners'), itemUrl);
  await axe(visitor, 'item page (anonymous)');

  // 8. A member comments on it.
  const member = await newPage();
  await login(member, base, lid.email, lid.password);
  await member.goto(itemUrl);
  await axe(member, 'item page with the comment form');
  const question = 'Mooi voorbeeld! Hoe vonden jullie de eerste tien bewoners?';
  await member.getByLabel('Uw reactie of vraag').fill(question);
  await member.getByRole('button', { name: 'Reactie plaatsen' }).click();
  await member.waitForLoadState();
  check('the comment shows on the item page', (await mainText(member)).includes(question));
  await axe(member, 'item page with a comment');
  await visitor.goto(itemUrl);
  check('an anonymous visitor sees the new comment at once', (await mainText(visitor)).includes(question));

  // 9. The author deletes the account; the example stays, without the name.
  await me.goto(`${base}/account`);
  await me.getByRole('link', { name: 'Account verwijderen' }).click();
  await me.waitForLoadState();
  await axe(me, 'delete account page');
  const word = ((await me.locator('label[for=bevestiging] strong').textContent()) ?? '').trim();
  await me.getByLabel('Laat ze staan', { exact: false }).check();
  await me.locator('#bevestiging').fill(word);
  await me.getByRole('button', { name: 'Verwijder mijn account' }).click();
  await me.waitForLoadState();
  await axe(me, 'account deleted');
  check('after deleting, the author is logged out', (await me.getByRole('link', { name: 'Inloggen' }).count()) > 0);
  await login(me, base, author.email, author.password);
  check('the deleted account cannot log in', !(await me.textContent('header')).includes(author.name));
  await visitor.goto(`${base}/kennisbank?q=${marker}`);
  check('the example is still found', (await visitor.getByRole('link', { name: title }).count()) > 0);
  await visitor.goto(itemUrl);
  const after = await visitor.content();
  check('the example page no longer names the author', !after.includes(author.name) && !after.includes(author.email));

  // 10. The beheerder deletes the member's account from the list of accounts, after a
  // confirmation page.
  await admin.goto(`${base}/beheer/gebruikers`);
  await axe(admin, 'accounts list');
  await admin.locator('tr', { hasText: lid.email }).getByRole('link', { name: /^Verwijder/ }).click();
  await admin.waitForLoadState();
  check('the confirmation page names the account', (await mainText(admin)).includes(lid.email));
  await axe(admin, 'delete an account (beheerder)');
  await admin.getByRole('button', { name: 'Verwijder dit account' }).click();
  await admin.waitForLoadState();
  check('the beheerder sees that the account is deleted', (await mainText(admin)).includes('Het account is verwijderd.'));
  check('the deleted address is gone from the list', !(await mainText(admin)).includes(lid.email));
  await axe(admin, 'accounts list after deleting');
} catch (e) {
  check('no exception', false, e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
