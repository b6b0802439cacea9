// Browser test of comments and Mijn bibliotheek: Debian's chromium driven by playwright-core,
// axe-core checking WCAG 2.1 A/AA on every page and form involved. The demo lid comments on an
// item, bookmarks it, follows a GALA goal and turns on the weekly e-mail; the demo redacteur
// flags the comment, hides it from the moderation queue and restores it from the item page; an
// anonymous visitor sees each change at once and never the hidden text.
// Usage: node comments.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axe, check, finish, freePort, launchChromium, login, waitReady } from './lib.mjs';

const binary = process.argv[2];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-comments-'));
const demoOutput = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
const account = (role) => new RegExp(`Demo-account ${role}: e-mailadres (\\S+), wachtwoord (\\S+)`).exec(demoOutput);
const lidAccount = account('lid');
const redacteurAccount = account('redacteur');
check('demo prints the lid and redacteur accounts', lidAccount !== null && redacteurAccount !== null);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();
const secret = 'Een vraag uit de browser: werkt dit ook in een dorp?';

try {
  check('server becomes ready', await waitReady(base, 10000));
  // axe is injected as an inline script, which our CSP forbids: these contexts bypass CSP.
  const visitor = await (await browser.newContext({ bypassCSP: true })).newPage();
  await visitor.goto(`${base}/kennisbank/1`);
  const itemUrl = visitor.url();
  check('an anonymous visitor sees the login link', await visitor.getByRole('link', { name: 'Log in om te reageren' }).count() === 1);
  await axe(visitor, 'item page (anonymous)');

  const lid = await (await browser.newContext({ bypassCSP: true })).newPage();
  if (lidAccount) await login(lid, base, lidAccount[1], lidAccount[2]);
  await lid.goto(itemUrl);
  await axe(lid, 'item page with the comment form');
  await lid.getByRole('button', { name: 'Reactie plaatsen' }).click();
  await lid.waitForLoadState();
  check('an empty comment shows the form again', (await lid.textContent('main')).includes('Vul dit veld in.'));
  await axe(lid, 'comment form with an error');
  await lid.getByLabel('Uw reactie of vraag').fill(secret);
  await lid.getByRole('button', { name: 'Reactie plaatsen' }).click();
  await lid.waitForLoadState();
  check('the comment shows on the item page', (await lid.textContent('main')).includes(secret));
  await lid.getByRole('button', { name: 'Bewaren in Mijn bibliotheek' }).click();
  await lid.waitForLoadState();
  check('the item is bookmarked', await lid.getByRole('button', { name: 'Weghalen uit Mijn bibliotheek' }).count() === 1);
  await axe(lid, 'item page with a comment and a bookmark');

  await visitor.goto(itemUrl);
  check('the anonymous visitor sees the new comment at once', (await visitor.textContent('main')).includes(secret));

  await lid.goto(`${base}/gala-doelen/1`);
  await lid.getByRole('button', { name: 'Volg dit GALA-doel' }).click();
  await lid.waitForLoadState();
  check('the goal is followed', (await lid.textContent('main')).includes('U volgt dit GALA-doel.'));
  await axe(lid, 'GALA goal page with the follow button');
  await lid.getByRole('link', { name: 'Mijn bibliotheek' }).first().click();
  await lid.waitForLoadState();
  const library = await lid.textContent('main');
  check('Mijn bibliotheek lists the bookmark and the goal', library.includes('GALA-doel 1') && (await lid.locator('.library-list li').count()) === 2);
  await lid.getByLabel('Ja, stuur mij een keer per week een e-mail').check();
  await lid.getByRole('button', { name: 'Keuze opslaan' }).click();
  await lid.waitForLoadState();
  check('the weekly e-mail is on', await lid.getByLabel('Ja, stuur mij een keer per week een e-mail').isChecked());
  await axe(lid, 'Mijn bibliotheek');

  const editor = await (await browser.newContext({ bypassCSP: true })).newPage();
  if (redacteurAccount) await login(editor, base, redacteurAccount[1], redacteurAccount[2]);
  await editor.goto(itemUrl);
  await editor.locator('.comment summary', { hasText: 'Melden' }).first().click();
  await editor.getByLabel('Waarom meldt u deze reactie? (mag leeg blijven)').fill('Graag nakijken');
  await editor.getByRole('button', { name: 'Melding versturen' }).click();
  await editor.waitForLoadState();
  await editor.goto(`${base}/redactie/reacties`);
  check('the flagged comment is in the queue', (await editor.textContent('main')).includes('Graag nakijken'));
  await axe(editor, 'moderation queue');
  await editor.getByLabel('Waarom verbergt u deze reactie? De schrijver van de reactie ziet deze reden.').fill('Test van de redactie');
  await editor.getByRole('button', { name: 'Reactie verbergen' }).click();
  await editor.waitForLoadState();
  check('the queue is empty after hiding', (await editor.textContent('main')).includes('Er zijn geen gemelde reacties.'));
  await axe(editor, 'empty moderation queue');

  await visitor.goto(itemUrl);
  const hidden = await visitor.content();
  check('the anonymous visitor sees the hidden note', hidden.includes('Deze reactie is verborgen door de redactie.'));
  check('the hidden text never reaches the anonymous page', !hidden.includes(secret));
  await editor.goto(itemUrl);
  await axe(editor, 'item page of the redacteur with a hidden comment');
  await editor.getByRole('button', { name: 'Reactie weer tonen' }).click();
  await editor.waitForLoadState();
  await visitor.goto(itemUrl);
  check('the restored comment is back for anonymous visitors', (await visitor.textContent('main')).includes(secret));
} catch (e) {
  check('browser run', false, e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
