// Browser test of the account pages: Debian's chromium driven by playwright-core, axe-core
// checking WCAG 2.1 A/AA. Runs `gezondin demo` (which prints the demo passwords once), registers
// a new account through the form, logs in as the demo beheerder, reads the confirmation e-mail
// in the outbox (/beheer/e-mail), confirms, and logs in and out as the new member.
// Usage: node account.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axe, check, finish, freePort, launchChromium, login, waitReady } from './lib.mjs';


const binary = process.argv[2];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-account-'));
const demoOutput = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
const beheerder = /Demo-account beheerder: e-mailadres (\S+), wachtwoord (\S+)/.exec(demoOutput);
check('demo prints the beheerder account once', beheerder !== null, demoOutput.slice(-300));
const again = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
check('a second demo run prints no passwords', !again.includes('Demo-account'), again.slice(-300));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  check('server becomes ready', await waitReady(base, 10000));
  // axe is injected as an inline script, which our CSP forbids: these contexts bypass CSP.
  const visitor = await (await browser.newContext({ bypassCSP: true })).newPage();

  await visitor.goto(`${base}/account/aanmaken`);
  await axe(visitor, 'register page');
  await visitor.getByRole('button', { name: 'Account aanmaken' }).click();
  await visitor.waitForLoadState();
  check('an empty form lists its errors at the top', (await visitor.locator('.error-summary li').count()) === 3);
  await axe(visitor, 'register page with errors');
  await visitor.getByLabel('Naam').fill('Noor Visser');
  await visitor.getByLabel('E-mailadres').fill('noor@example.org');
  await visitor.getByLabel('Wachtwoord').fill('fietsen langs de gracht');
  await visitor.getByRole('button', { name: 'Account aanmaken' }).click();
  await visitor.waitForLoadState();
  check('registering asks to check the e-mail', (await visitor.textContent('main')).includes('Kijk in uw e-mail'));

  await visitor.goto(`${base}/account/inloggen`);
  await axe(visitor, 'login page');
  await visitor.goto(`${base}/privacy`);
  await axe(visitor, 'privacy page');

  const admin = await (await browser.newContext({ bypassCSP: true })).newPage();
  if (beheerder) await login(admin, base, beheerder[1], beheerder[2]);
  check('beheerder logs in and lands on the account page', admin.url() === `${base}/account`, admin.url());
  await axe(admin, 'account page');
  await admin.goto(`${base}/beheer/e-mail`);
  const outbox = await admin.textContent('main');
  check('the outbox shows the confirmation e-mail', outbox.includes('noor@example.org'));
  await axe(admin, 'outbox page');
  const link = /http:\/\/\S+\/account\/bevestigen\?code=([A-Za-z0-9_-]+)/.exec(outbox);
  check('the e-mail holds a confirmation link', link !== null);

  if (link) await visitor.goto(`${base}/account/bevestigen?code=${link[1]}`);
  check('confirming leads to the login page', visitor.url().startsWith(`${base}/account/inloggen`), visitor.url());
  await login(visitor, base, 'noor@example.org', 'fietsen langs de gracht');
  check('the new member sees the name in the header', (await visitor.textContent('header')).includes('Noor Visser'));
  await visitor.goto(`${base}/kennisbank`);
  check('other pages show the name too', (await visitor.textContent('header')).includes('Noor Visser'));
  await visitor.getByRole('button', { name: 'Uitloggen' }).click();
  await visitor.waitForLoadState();
  check('logging out shows the login link again', await visitor.getByRole('link', { name: 'Inloggen' }).count() > 0);

  const lid = await (await browser.newContext()).newPage();
  const forbidden = await lid.goto(`${base}/beheer/e-mail`);
  check('an anonymous visitor of the outbox is sent to the login page', lid.url() === `${base}/account/inloggen`, String(forbidden?.status()));
} catch (e) {
  check('no exception', false, e.stack);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
