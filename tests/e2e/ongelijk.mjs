// Browser test of "ongelijk investeren": Debian's chromium driven by playwright-core, with
// axe-core checking WCAG 2.1 A/AA on every page of the fictitious demo municipality (and of
// Amsterdam 2019 when ../shared/data has the files), and the forms without JavaScript.
// Usage: node ongelijk.mjs <path to gezondin binary>

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, check as expect, finish, freePort, launchChromium, waitReady } from './lib.mjs';
import { fileURLToPath } from 'node:url';


const binary = process.argv[2];
const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.GEZONDIN_SHARED_DATA || path.join(here, '../../../shared/data');
const amsterdam = [
  path.join(shared, 'cbs_kwb_84583NED_2019/amsterdam_2019_marginal_distributions_84583NED.csv'),
  path.join(shared, 'cbs_ses_woa_85163NED_amsterdam_2019/SES_WOA_scores_per_wijk_en_buurt_25042023_160857.csv'),
];

const port = await freePort();
const base = `http://127.0.0.1:${port}`;

async function audit(page, url, name) {
  const response = await page.goto(`${base}${url}`);
  expect(`${name} answers 200`, response.status() === 200, String(response.status()));
  expect(`${name} has no style attributes`, (await page.locator('[style]').count()) === 0);
  const violations = await axeViolations(page);
  expect(`axe: ${name}`, violations === '', violations);
}

function pagesFor(gemeente, jaar) {
  const q = `gemeente=${gemeente}&jaar=${jaar}`;
  return [
    [`/ongelijk-investeren?${q}`, 'start'],
    [`/ongelijk-investeren/kansenindex?${q}`, 'kansenindex'],
    [`/ongelijk-investeren/verdeling?${q}`, 'verdeling'],
    [`/ongelijk-investeren/robuustheid?${q}&trekkingen=200`, 'robuustheid'],
    [`/ongelijk-investeren/ongelijkheid?${q}`, 'ongelijkheid'],
    [`/ongelijk-investeren/vergelijkbaar?${q}`, 'vergelijkbaar'],
  ];
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-ongelijk-'));
const demoOutput = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
const lid = /Demo-account lid: e-mailadres (\S+), wachtwoord (\S+)/.exec(demoOutput);
expect('demo prints the lid account', lid !== null, demoOutput.slice(-300));
const haveAmsterdam = amsterdam.every((f) => fs.existsSync(f));
if (haveAmsterdam) execFileSync(binary, ['import', 'data', '--data', dataDir, ...amsterdam], { stdio: 'ignore' });
else console.log(`skip: Amsterdam 2019 files not found under ${shared}; only the demo is checked`);

const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  expect('server becomes ready', await waitReady(base, 10000));
  const context = await browser.newContext({ bypassCSP: true });   // axe is injected inline
  const page = await context.newPage();
  await audit(page, '/ongelijk-investeren', 'ongelijk start page');
  for (const [url, name] of pagesFor('GM9901', 2023)) await audit(page, url, `demo ${name}`);
  await page.goto(`${base}/ongelijk-investeren/verdeling?gemeente=GM9901&jaar=2023`);
  expect('demo allocation adds up to the budget', (await page.locator('#totaal').textContent()).trim() === '1.000.000,00');
  expect('anonymous visitors are asked to log in to save scenarios',
         (await page.getByRole('link', { name: "Log in om scenario's te bewaren" }).count()) === 1);
  await page.goto(`${base}/ongelijk-investeren/vergelijkbaar?gemeente=GM9901&jaar=2023`);
  expect('similar demo gemeenten are listed', (await page.locator('a[href="/gemeenten/GM9902"]').count()) >= 1);
  if (haveAmsterdam) for (const [url, name] of pagesFor('GM0363', 2019)) await audit(page, url, `Amsterdam ${name}`);

  // A member saves two scenarios, compares them side by side and deletes one; without JavaScript.
  if (lid) {
    const member = await browser.newContext({ javaScriptEnabled: false });
    const m = await member.newPage();
    await m.goto(`${base}/account/inloggen`);
    await m.getByLabel('E-mailadres').fill(lid[1]);
    await m.getByLabel('Wachtwoord').fill(lid[2]);
    await m.getByRole('button', { name: 'Inloggen' }).click();
    await m.waitForLoadState();
    for (const [name, universal] of [['Breed', 80], ['Gericht', 20]]) {
      await m.goto(`${base}/ongelijk-investeren/verdeling?gemeente=GM9901&jaar=2023&universeel=${universal}`);
      await m.getByLabel('Naam van het scenario').fill(name);
      await Promise.all([m.waitForURL(/scenarios\?melding=bewaard/), m.getByRole('button', { name: 'Bewaar deze instellingen' }).click()]);
    }
    expect('both scenarios are listed', (await m.locator('#scenarios-tabel').count()) === 1 &&
           (await m.getByRole('link', { name: 'Breed' }).count()) === 1 && (await m.getByRole('link', { name: 'Gericht' }).count()) === 1);
    await Promise.all([m.waitForURL(/scenarios\/vergelijk/), m.getByRole('button', { name: 'Vergelijk' }).click()]);
    expect('the comparison shows euros per buurt', (await m.locator('#gebieden-tabel').count()) === 1);
    const axePages = await browser.newContext({ bypassCSP: true, storageState: await member.storageState() });
    const a = await axePages.newPage();
    const compareUrl = m.url().slice(base.length);
    await audit(a, '/ongelijk-investeren/scenarios', 'scenario list');
    await audit(a, compareUrl, 'scenario comparison');
    await audit(a, '/ongelijk-investeren/verdeling?gemeente=GM9901&jaar=2023', 'allocation with the save form');
    await axePages.close();
    await m.goto(`${base}/ongelijk-investeren/scenarios`);
    const remove = m.locator('#scenarios-tabel').locator('..').locator('tr', { hasText: 'Breed' }).getByRole('button');
    expect('each scenario has its own delete button', (await remove.count()) === 1, String(await remove.count()));
    await remove.click();
    await m.waitForLoadState();
    expect('deleting leads back to the list', m.url().includes('melding=verwijderd'), m.url());
    expect('a deleted scenario is gone', (await m.getByRole('link', { name: 'Breed' }).count()) === 0);
    await member.close();
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${base}/ongelijk-investeren/kansenindex?gemeente=GM9901&jaar=2023`);
  await p.locator('#o-norm').selectOption('min-max');
  await Promise.all([p.waitForURL(/normalisatie=min-max/), p.locator('form.ongelijk-form button').click()]);
  expect('without JavaScript, the index form works', p.url().includes('normalisatie=min-max'));
  expect('the result table is there', (await p.locator('#index-tabel').count()) === 1);
  await noJs.close();
} catch (e) {
  expect('browser run completes', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
