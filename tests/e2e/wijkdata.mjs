// Browser test of wijkdata: Debian's chromium driven by playwright-core, with axe-core checking
// WCAG 2.1 A/AA on the profile, map and compare pages of the fictitious demo municipality and of
// Amsterdam 2019 (84583NED + 85163NED from ../shared/data, imported at the start; that part is
// skipped with a message when the files are absent). Also checks the pages without JavaScript,
// the gemeente map (demo: its one gemeente; the national KWB 2024 with the gemeente boundaries
// 2024 when present), and the administration pages as the demo beheerder: indicator list,
// edit form with a validation error, and an upload with its report.
// Usage: node wijkdata.mjs <path to gezondin binary>

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

const national = [
  path.join(shared, 'cbs_statline_exports_2024_2025/Kerncijfers_wijken_en_buurten_2024_geslachten.csv'),
  path.join(shared, 'rivm_gmjv2024_50140NED_and_geo2024/gemeente_gegeneraliseerd_2024.geojson'),
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gezondin-e2e-wijk-'));
const demoOutput = execFileSync(binary, ['demo', '--data', dataDir], { encoding: 'utf8' });
const beheerder = /Demo-account beheerder: e-mailadres (\S+), wachtwoord (\S+)/.exec(demoOutput);
const haveAmsterdam = amsterdam.every((f) => fs.existsSync(f));
if (haveAmsterdam) execFileSync(binary, ['import', 'data', '--data', dataDir, ...amsterdam], { stdio: 'ignore' });
else console.log(`skip: Amsterdam 2019 files not found under ${shared}; only the demo is checked`);
const haveNational = national.every((f) => fs.existsSync(f));
if (haveNational) execFileSync(binary, ['import', 'data', '--data', dataDir, ...national], { stdio: 'ignore' });
else console.log(`skip: KWB 2024 or gemeente boundaries 2024 not found under ${shared}; no national gemeente map`);
const uploadFile = path.join(dataDir, 'proef_2021_TypedDataSet.csv');
fs.writeFileSync(uploadFile, '"ID";"WijkenEnBuurten";"AantalInwoners_5";"Laag_6"\r\n'
  + '0;"GM9905    ";7000;30.5\r\n1;"WK990500  ";7000;30.5\r\n');
const badFile = path.join(dataDir, 'fout_2021_TypedDataSet.csv');
fs.writeFileSync(badFile, '"ID";"WijkenEnBuurten";"AantalInwoners_5"\r\n0;"GM9906    ";zeven\r\n');

const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const browser = await launchChromium();

try {
  expect('server becomes ready', await waitReady(base, 10000));
  const context = await browser.newContext({ bypassCSP: true });   // axe is injected inline
  const page = await context.newPage();
  await audit(page, '/wijkdata', 'wijkdata start page');
  await audit(page, '/wijkdata/gebied/GM9901?jaar=2023', 'demo gemeente profile');
  expect('demo profile is marked fictitious', (await page.locator('.notice.demo').count()) > 0);
  await audit(page, '/wijkdata/gebied/BU99010000?jaar=2023', 'demo buurt profile');
  await audit(page, '/wijkdata/kaart?gemeente=GM9901&niveau=buurt&jaar=2023&indicator=fictief_eenzaam', 'demo map');
  expect('demo map has a link per area', (await page.locator('svg a').count()) >= 25);
  await audit(page, '/wijkdata/vergelijk?gemeente=GM9901&jaar=2023', 'demo compare');
  await audit(page, '/wijkdata/kaart?niveau=gemeente&jaar=2023&indicator=fictief_eenzaam', 'demo gemeente map');
  expect('demo gemeente map draws its one gemeente', (await page.locator('svg a').count()) === 1);
  if (haveNational) {
    const key = (await (await fetch(`${base}/api/v1/indicators?jaar=2024`)).json()).indicators[0].key;
    await audit(page, `/wijkdata/kaart?niveau=gemeente&jaar=2024&indicator=${encodeURIComponent(key)}`, 'national gemeente map 2024');
    expect('national gemeente map has 342 areas', (await page.locator('svg a').count()) === 342,
      String(await page.locator('svg a').count()));
  }
  if (haveAmsterdam) {
    await audit(page, '/wijkdata/gebied/BU03630000?jaar=2019', 'Amsterdam buurt profile');
    await audit(page, '/wijkdata/gebied/GM0363?jaar=2019', 'Amsterdam gemeente profile');
    await audit(page, '/wijkdata/kaart?gemeente=GM0363&niveau=wijk&jaar=2019&indicator=AantalInwoners_5', 'Amsterdam map');
    await audit(page, '/wijkdata/vergelijk?gemeente=GM0363&jaar=2019', 'Amsterdam compare');
  }

  expect('demo prints the beheerder account', beheerder !== null);
  if (beheerder) {
    const admin = await (await browser.newContext({ bypassCSP: true })).newPage();
    await admin.goto(`${base}/account/inloggen`);
    await admin.getByLabel('E-mailadres').fill(beheerder[1]);
    await admin.getByLabel('Wachtwoord').fill(beheerder[2]);
    await Promise.all([admin.waitForLoadState(), admin.getByRole('button', { name: 'Inloggen' }).click()]);
    await audit(admin, '/wijkdata/beheer/cijfers', 'indicator list');
    await audit(admin, '/wijkdata/beheer/cijfers/fictief_eenzaam', 'indicator edit form');
    await admin.locator('#label').fill('');
    await Promise.all([admin.waitForLoadState(), admin.getByRole('button', { name: 'Opslaan' }).click()]);
    expect('an empty name is marked', (await admin.locator('#label[aria-invalid="true"]').count()) === 1);
    const invalid = await axeViolations(admin);
    expect('axe: indicator edit form with an error', invalid === '', invalid);
    await admin.locator('#label').fill('Eenzaam (fictief, aangepast)');
    await admin.locator('#richting-hoger-is-slechter').check();
    await Promise.all([admin.waitForURL(/bewaard=/), admin.getByRole('button', { name: 'Opslaan' }).click()]);
    expect('the new name is in the list', (await admin.getByText('Eenzaam (fictief, aangepast)').count()) > 0);
    await audit(admin, '/wijkdata/beheer/importeren', 'upload page');
    await admin.locator('#bestand').setInputFiles(uploadFile);
    await Promise.all([admin.waitForLoadState(), admin.getByRole('button', { name: 'Inlezen' }).click()]);
    expect('the upload reports the import', (await admin.getByText('is ingelezen').count()) > 0);
    const report = await axeViolations(admin);
    expect('axe: upload report', report === '', report);
    await admin.goto(`${base}/wijkdata/beheer/importeren`);
    await admin.locator('#bestand').setInputFiles(badFile);
    await Promise.all([admin.waitForLoadState(), admin.getByRole('button', { name: 'Inlezen' }).click()]);
    expect('a bad file shows the problem table', (await admin.locator('table caption', { hasText: 'Wat er mis is' }).count()) === 1);
    const problems = await axeViolations(admin);
    expect('axe: upload error report', problems === '', problems);
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${base}/wijkdata?jaar=2023`);   // the latest year may be the national 2024 one
  await p.locator('#p-gemeente').selectOption('GM9901');
  await p.locator('#p-jaar').selectOption('2023');
  await Promise.all([p.waitForLoadState(), p.locator('form[action="/wijkdata"] button').click()]);
  await p.waitForURL(/\/wijkdata\/gebied\/GM9901/);
  expect('without JavaScript, the profile form works', p.url().includes('/wijkdata/gebied/GM9901'));
  await p.goto(`${base}/wijkdata/kaart?gemeente=GM9901&niveau=wijk&jaar=2023`);
  await p.locator('#m-indeling').selectOption('gelijk');
  await Promise.all([p.waitForURL(/indeling=gelijk/), p.locator('form button').first().click()]);
  expect('without JavaScript, the map form works', p.url().includes('indeling=gelijk'));
  await p.locator('#m-niveau').selectOption('gemeente');
  await Promise.all([p.waitForURL(/niveau=gemeente/), p.locator('form button').first().click()]);
  expect('without JavaScript, the gemeente map opens', (await p.locator('h1', { hasText: 'per gemeente' }).count()) === 1);
  await noJs.close();
} catch (e) {
  expect('browser run completes', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
finish();
