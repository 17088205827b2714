// End-to-end checks in Debian Chromium (playwright-core), part of `npm test`:
//  1. the demo as `npm start` serves it: a user edits a contact, saves, reloads and sees the
//     change, with no console errors;
//  2. the built bundle in a plain page under a strict CSP with Trusted Types enforced: the card
//     is used (tabs, editing, saving, dialogs, a report) and no violation is reported;
//  3. the README's one-script snippet, as printed, on a fresh browser: a seeded card shows;
//  4. the bundle with its chunks unreachable for a while: the tag that could not be defined is
//     named on the console, and is defined once another of it appears with the chunks back.
// Run alone: node scripts/check-e2e.mjs [part of a check's name] (after npm run build).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureBrowsers } from './browsers.mjs';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Starts `scripts/start.mjs` (what `npm start` runs) on a free port; resolves its URL. */
function startDemo() {
  return startScript('scripts/start.mjs', {}, (out) => {
    const url = /http:\/\/localhost:\d+\//.exec(out)?.[0];
    return url && { url, second: url };
  });
}

/** Starts `npm run start:team` on free ports with a fresh PostgreSQL; resolves the two colleagues' pages. */
function startTeamDemo() {
  return startScript('scripts/start-team.mjs', { LIFT_SERVER_PORT: '0', LIFT_PG_DIR: path.resolve('tmp/pg-e2e') }, (out) => {
    const sanne = /\(admin\):\s+(\S+)/.exec(out)?.[1];
    const pieter = /\(employee\):\s+(\S+)/.exec(out)?.[1];
    return sanne && pieter && { url: sanne, second: pieter };
  }, 120_000);
}

function startScript(script, env, ready, timeout = 20_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--no-build'], { env: { ...process.env, PORT: String(18000 + Math.floor(Math.random() * 2000)), ...env } });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not come up: ${out}`)), timeout);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const urls = ready(out);
      if (urls) {
        clearTimeout(timer);
        resolve({ ...urls, stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill()))) });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
}

/**
 * What the pages of the running check reported (page errors, console errors, failed responses):
 * a check that throws loses its own list, and these say what led up to the throw.
 */
let noticed = [];

/** A page that records console errors and page errors into `problems`. */
async function watchedPage(context, problems, expectedStatus = []) {
  const page = await context.newPage();
  const note = (problem) => {
    problems.push(problem);
    noticed.push(problem);
  };
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !expectedStatus.some((status) => message.text().includes(`status of ${status}`))) note(`console error: ${message.text()} ${message.location().url ?? ''}`.trim());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expectedStatus.includes(response.status())) note(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}

/**
 * Waits (`ms` at most) for the demo's card `card` (a locator) to show a contact's name. When it
 * does not, the error says what the demo's status line and the card show instead.
 */
async function contactShown(page, card, ms) {
  await card.locator('[part~="name"]').waitFor({ timeout: ms }).catch(async (error) => {
    const [status, shown] = await page
      .evaluate((selector) => [document.getElementById('demo-status')?.textContent, document.querySelector(selector)?.shadowRoot?.textContent].map((t) => t?.replace(/\s+/g, ' ').trim().slice(0, 300)), 'lift-contact-card#card')
      .catch((reason) => [`(not read: ${reason.message})`]);
    throw new Error(`no contact shown within ${ms / 1000} s; the demo's status says “${status}”, its card “${shown}”`, { cause: error });
  });
}

/**
 * The demo: an edit saved survives a reload; unsaved edits make the demo ask before it shows
 * another contact (it reads the card's `dirty`).
 */
async function demoEditSaveReload(browser) {
  const problems = [];
  const demo = await startDemo();
  const context = await browser.newContext();
  try {
    const page = await watchedPage(context, problems);
    await page.goto(demo.url);
    // The first start seeds the embedded database; then the newest contact opens in the card.
    const name = page.locator('lift-contact-card [part~="name"]');
    await contactShown(page, page.locator('lift-contact-card#card'), 60_000);
    const first = (await name.textContent()).trim();
    const jobTitle = page.locator('lift-contact-card #field-jobTitle');
    await jobTitle.fill('Hoofd e2e-tests');
    // The built card's labels keep the space before their hints (the minifier once dropped it, and
    // screen readers said "Achternaam(verplicht)").
    for (const field of ['lastName', 'jobTitle']) {
      const label = (await page.locator(`lift-contact-card label[for="field-${field}"]`).textContent()).replace(/\s+/g, ' ').trim();
      if (!/\S \(/.test(label)) problems.push(`the label of ${field} reads "${label}": its hint runs into it`);
    }
    await page.keyboard.press('Control+s');
    await page.locator('lift-contact-card [role="status"]', { hasText: 'Opgeslagen' }).first().waitFor({ timeout: 10_000 });
    await page.reload();
    await name.waitFor({ timeout: 30_000 });
    // Saved contacts move to the top (newest modified first), so the same contact opens again.
    if ((await name.textContent()).trim() !== first) problems.push(`after the reload the card shows ${await name.textContent()}, not ${first}`);
    const after = await page.locator('lift-contact-card #field-jobTitle').inputValue();
    if (after !== 'Hoofd e2e-tests') problems.push(`after the reload the function reads "${after}"`);
    const header = await page.locator('lift-contact-card [part~="header"]').textContent();
    if (!header.includes('Hoofd e2e-tests')) problems.push('the header does not show the saved function');
    // Unsaved edits, then another contact chosen in the list: the demo reads the card's `dirty`
    // and asks first; "Cancel" keeps the card and the edit, "OK" moves on.
    await page.locator('lift-contact-card #field-jobTitle').fill('Nog niet opgeslagen');
    const other = page.locator('#contacts li button').nth(1);
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await other.click();
    await page.waitForTimeout(300);
    if (!asked) problems.push('choosing another contact with unsaved edits did not ask first');
    if ((await name.textContent()).trim() !== first) problems.push('the card moved on although the question was cancelled');
    if ((await page.locator('lift-contact-card #field-jobTitle').inputValue()) !== 'Nog niet opgeslagen') problems.push('the unsaved edit was lost after "Cancel"');
    page.once('dialog', (dialog) => void dialog.accept());
    await other.click();
    await page.waitForFunction((before) => document.querySelector('lift-contact-card').shadowRoot.querySelector('[part~="name"]')?.textContent.trim() !== before, first, { timeout: 10_000 });
    // A save reorders the list (newest modified first), not the card's way through it: the bar
    // keeps its position, and Next opens the contact that came after this one.
    const card = () => page.evaluate(() => document.querySelector('lift-contact-card').contactId);
    const listed = await page.locator('#contacts li button').evaluateAll((buttons) => buttons.map((button) => button.dataset.id));
    const here = await card();
    const position = page.locator('lift-contact-card lift-button-bar [part~="selection-position"][aria-live]');
    const before = (await position.textContent()).trim();
    await page.locator('lift-contact-card #field-department').fill('Afdeling e2e');
    await page.keyboard.press('Control+s');
    await page.locator('lift-contact-card [part~="save-state"]', { hasText: 'Opgeslagen' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction((id) => document.querySelector('#contacts li button')?.dataset.id === id, here, { timeout: 10_000 });
    await page.waitForTimeout(300);
    const kept = (await position.textContent()).trim();
    if (kept !== before) problems.push(`after a save the bar's position went from "${before}" to "${kept}"`);
    await page.keyboard.press('Alt+PageDown');
    const next = listed[listed.indexOf(here) + 1];
    await page.waitForFunction((id) => document.querySelector('lift-contact-card').contactId === id, next, { timeout: 10_000 }).catch(async () => {
      problems.push(`Next after a save opened ${await card()}, not ${next}, the contact listed after ${here}`);
    });
    // Reset demo data with an unsaved edit: asked first, and the same contact, made anew, opens
    // without it (the seeded ids repeat, so a kept draft would come back on the fresh data).
    await page.locator('lift-contact-card #field-jobTitle').fill('Voor de reset');
    const shown = await card();
    let resetAsked = '';
    page.once('dialog', (dialog) => {
      resetAsked = dialog.message();
      void dialog.accept();
    });
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.locator('#reset').click()]);
    await contactShown(page, page.locator('lift-contact-card#card'), 60_000);
    if (!resetAsked) problems.push('reset demo data with unsaved edits did not ask first');
    if ((await card()) !== shown) problems.push(`after reset demo data the card shows ${await card()}, not ${shown}`);
    const fresh = await page.locator('lift-contact-card #field-jobTitle').inputValue();
    if (fresh === 'Voor de reset') problems.push('after reset demo data the unsaved edit made before it came back on the fresh contact');
    // Two contacts ticked, one of them then hidden by a search: the selection holds both; cleared,
    // the card goes through the list again instead of having no way at all.
    const ticked = await page.locator('#contacts li button').evaluateAll((buttons) => buttons.slice(0, 2).map((button) => ({ id: button.dataset.id, name: button.firstChild.textContent })));
    await page.locator('#contacts li input[type="checkbox"]').nth(0).check();
    await page.locator('#contacts li input[type="checkbox"]').nth(1).check();
    await page.locator('#search').fill(ticked[0].name);
    await page.waitForFunction((id) => !document.querySelector(`#contacts li button[data-id="${id}"]`), ticked[1].id, { timeout: 10_000 });
    await page.locator('#use-selection').click();
    await page.waitForFunction((id) => document.querySelector('lift-contact-card').contactId === id, ticked[0].id, { timeout: 10_000 });
    await page.waitForTimeout(300);
    const inSelection = (await position.textContent()).trim();
    if (inSelection !== '1 / 2') problems.push(`with two contacts ticked, one hidden by the search, the bar says "${inSelection}", not "1 / 2"`);
    await page.locator('#clear-selection').click();
    await page.waitForTimeout(300);
    const cleared = await page.evaluate(() => {
      const bar = document.querySelector('lift-contact-card').shadowRoot.querySelector('lift-button-bar');
      return bar.shadowRoot.querySelector('[part~="selection-position"][aria-live]')?.textContent.trim() ?? 'no position at all';
    });
    if (!/^\d+ \/ \d+$/.test(cleared)) problems.push(`after "Selectie wissen" the bar says "${cleared}": the card has no way through the list`);
  } finally {
    await context.close();
    demo.stop();
  }
  return problems;
}

/**
 * The demo on a phone (390 × 844): the card takes the screen's width, a contact is opened from
 * the list, edited with the form's own Save (in view while editing) and shown saved; the
 * address keeps contact and tab (a reload lands on the same card); a link naming another
 * contact and tab, opened on a fresh browser, lands on them, and a double-clicked project
 * there opens the demo's project panel; the relation's name lists the relation's contacts;
 * the skip link passes the list; English turns the shell English.
 */
async function demoAtPhoneWidth(browser) {
  const problems = [];
  const demo = await startDemo();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await watchedPage(context, problems);
    await page.goto(demo.url);
    const card = page.locator('lift-contact-card#card');
    await contactShown(page, card, 60_000);
    // Open the third contact of the list, as a user would.
    const entry = page.locator('#contacts li button').nth(2);
    const chosen = (await entry.evaluate((el) => el.firstChild.textContent)).trim();
    await entry.click();
    await card.locator('[part~="name"]', { hasText: chosen }).waitFor({ timeout: 10_000 });
    const [cardBox, hostBox] = await Promise.all([card.boundingBox(), page.locator('#cards').boundingBox()]);
    if (!cardBox || cardBox.width < hostBox.width - 1) problems.push(`the card is ${cardBox?.width} px wide in a ${hostBox.width} px column`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow} px`);
    await card.locator('[part~="name"]').dblclick();
    const jobTitle = card.locator('#field-jobTitle');
    await jobTitle.fill('Telefoon-e2e');
    const save = card.locator('[part~="form-actions"] button[type="submit"]');
    if (!(await save.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }))) problems.push('the form’s Save is not in view while editing');
    await save.click();
    const state = card.locator('[part~="save-state"]', { hasText: 'Opgeslagen om' });
    await state.waitFor({ timeout: 10_000 });
    if (!(await state.isVisible())) problems.push('the saved state is not visible');
    // The address names the contact: a reload lands on the same card, saved.
    if (!page.url().includes('contact=')) problems.push(`the address does not name the open contact: ${page.url()}`);
    await card.locator('#tab-projects').click();
    await page.waitForFunction(() => location.search.includes('tab=projects'));
    await page.reload();
    await card.locator('[part~="name"]', { hasText: chosen }).waitFor({ timeout: 30_000 });
    if ((await card.getAttribute('tab')) !== 'projects') problems.push('after the reload the Projects tab is not open');
    if ((await card.locator('#field-jobTitle').inputValue()) !== 'Telefoon-e2e') problems.push('after the reload the edit is not there');
    problems.push(...(await sharedLink(browser, demo.url)));
    // The relation's name in the header asks the host to open the relation (lift-open-relation):
    // the demo lists that relation's contacts, the open one among them.
    await card.locator('[part~="relation"]').click();
    await page.waitForFunction(() => document.getElementById('relation').value !== '', null, { timeout: 10_000 });
    await page.waitForFunction((name) => [...document.querySelectorAll('#contacts li button')].some((b) => b.textContent.includes(name)), chosen, { timeout: 10_000 });
    // The skip link is the first stop and lands past the contact list.
    await page.reload();
    await card.locator('[part~="name"]').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.className);
    if (skip !== 'skip-link') problems.push(`the first Tab stop is ${skip}, not the skip link`);
    await page.keyboard.press('Enter');
    if ((await page.evaluate(() => document.activeElement?.id)) !== 'cards') problems.push('the skip link does not move focus to the card');
    // English: the shell's own words follow.
    await page.selectOption('#language', 'en');
    if ((await page.locator('#contacts-heading').textContent()).trim() !== 'Contacts') problems.push('the sidebar stays Dutch in English');
  } finally {
    await context.close();
    await demo.stop();
  }
  return problems;
}

/**
 * A contact of the demo data (seeded the same on every first start) with current projects, and
 * not the newest modified: without the address the demo would open another contact first.
 */
const SHARED_CONTACT = 'c-000019';

/**
 * A link to the demo naming a contact and its Projects tab, opened on a browser that has not
 * seen the demo: that contact and tab are shown. A project double-clicked there opens the
 * demo's project panel with the project's details.
 */
async function sharedLink(browser, url) {
  const problems = [];
  // West of Greenwich, where a plain date read as a UTC midnight shows the day before.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'America/New_York' });
  try {
    const page = await watchedPage(context, problems);
    await page.goto(`${url}?contact=${SHARED_CONTACT}&tab=projects`);
    const card = page.locator('lift-contact-card#card');
    await contactShown(page, card, 60_000);
    const newest = await page.locator('#contacts li button').first().getAttribute('data-id');
    if (newest === SHARED_CONTACT) problems.push(`${SHARED_CONTACT} is the contact the demo opens anyway: the link proves nothing, choose another`);
    const shown = await card.getAttribute('contact-id');
    if (shown !== SHARED_CONTACT) problems.push(`the link names ${SHARED_CONTACT}, the card shows ${shown}`);
    const listed = (await page.locator(`#contacts li button[data-id="${SHARED_CONTACT}"]`).evaluate((el) => el.firstChild.textContent)).trim();
    const name = (await card.locator('[part~="name"]').textContent()).trim();
    if (!name.includes(listed)) problems.push(`the card shows ${name}, the list names ${SHARED_CONTACT} ${listed}`);
    if ((await card.getAttribute('tab')) !== 'projects') problems.push(`the link names the Projects tab, the card shows ${await card.getAttribute('tab')}`);
    // The contact has current projects: the table is there, and a double-click opens the panel.
    const row = card.locator('table.projects tbody tr').first();
    await row.waitFor({ timeout: 5_000 });
    const number = (await row.locator('td').first().textContent()).trim();
    const title = (await row.locator('button.link').textContent()).trim();
    const period = (await row.locator('td').nth(4).textContent()).replace(/\s+/g, ' ').trim();
    await row.locator('button.link').dblclick();
    const panel = page.locator('dialog#project');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    const heading = (await panel.locator('#project-title').textContent()).trim();
    if (heading !== `${number} · ${title}`) problems.push(`the project panel is headed "${heading}", not "${number} · ${title}"`);
    const details = (await panel.locator('#project-details').textContent()).replace(/\s+/g, ' ');
    if (!details.includes(number) || !details.includes('Soort')) problems.push(`the project panel's details miss the number or kind: ${details}`);
    const start = (await panel.locator('#project-details div', { hasText: 'Start' }).locator('dd').textContent()).trim();
    if (!period.startsWith(start)) problems.push(`the project panel says it starts ${start}, the table's dates read "${period}"`);
    if (!(await panel.locator('#project-description').textContent()).trim()) problems.push('the project panel has no description');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden', timeout: 5_000 });
  } catch (error) {
    // A wait that ran out: named beside what was found wrong before it.
    problems.push(String(error.message ?? error));
  } finally {
    await context.close();
  }
  return problems;
}

/**
 * Two browser pages on one database: two tabs of the demo (the BroadcastChannel feed), or, with
 * `team`, two colleagues on two machines (separate browser contexts) sharing the team server
 * (HttpAdapter, the SSE feed, PostgreSQL). A save in one refreshes the clean card in the other;
 * edits in both meet in the conflict dialog, and the choice made there is what is stored.
 */
async function twoPages(browser, team = false) {
  const problems = [];
  const demo = team ? await startTeamDemo() : await startDemo();
  const context = await browser.newContext();
  const otherContext = team ? await browser.newContext() : context;
  try {
    const a = await watchedPage(context, problems, team ? [412] : []);
    await a.goto(demo.url);
    const nameA = a.locator('lift-contact-card#card [part~="name"]');
    await contactShown(a, a.locator('lift-contact-card#card'), 60_000);
    // On the team server the stale save is answered 412 (with the current record): expected.
    const b = await watchedPage(otherContext, problems, team ? [412] : []);
    await b.goto(demo.second);
    const cardB = b.locator('lift-contact-card#card');
    await cardB.locator('[part~="name"]').waitFor({ timeout: 30_000 });
    if ((await nameA.textContent()) !== (await cardB.locator('[part~="name"]').textContent())) problems.push('the two pages opened different contacts');
    // A saves; B, clean, follows.
    await a.locator('lift-contact-card#card #field-jobTitle').fill('Tab A');
    await a.keyboard.press('Control+s');
    await cardB.locator('[part~="header"]', { hasText: 'Tab A' }).waitFor({ timeout: 10_000 });
    // Both edit the department; A saves first, B is told and then meets the conflict dialog.
    await b.locator('lift-contact-card#card #field-department').fill('Van B');
    await a.locator('lift-contact-card#card #field-department').fill('Van A');
    await a.keyboard.press('Control+s');
    await cardB.locator('[part~="banner"]', { hasText: 'elders gewijzigd' }).waitFor({ timeout: 10_000 });
    await b.locator('lift-contact-card#card #field-department').focus();
    await b.keyboard.press('Control+s');
    const dialog = cardB.locator('dialog.conflict');
    await dialog.locator('input[value="mine"]').check({ timeout: 10_000 });
    await dialog.locator('button[type="submit"]').click();
    await cardB.locator('[role="status"]', { hasText: 'Opgeslagen' }).first().waitFor({ timeout: 10_000 });
    await a.reload();
    await nameA.waitFor({ timeout: 30_000 });
    const stored = await a.locator('lift-contact-card#card #field-department').inputValue();
    if (stored !== 'Van B') problems.push(`after choosing "mine" in tab B the department reads "${stored}"`);
    const job = await a.locator('lift-contact-card#card #field-jobTitle').inputValue();
    if (job !== 'Tab A') problems.push(`tab A's function was lost: "${job}"`);
    // A keyboard user in A's contact list keeps their place while B's save makes A list again.
    const third = a.locator('#contacts li button').nth(2);
    const [thirdId, old] = [await third.getAttribute('data-id'), await third.elementHandle()];
    await third.focus();
    await b.locator('lift-contact-card#card #field-jobTitle').fill('Weer B');
    await b.keyboard.press('Control+s');
    await a.waitForFunction((button) => !button.isConnected, old, { timeout: 10_000 });
    const focused = await a.evaluate(() => document.activeElement?.dataset.id);
    if (focused !== thirdId) problems.push(`after the list was read again, focus is on "${focused}", not on the contact it was on`);
  } finally {
    await context.close();
    if (team) await otherContext.close();
    await demo.stop();
  }
  return problems;
}

/**
 * One colleague on the team server loses it (every request to the server refused, as when it is
 * stopped or the train enters a tunnel), saves an edit, reloads the page, and comes back: the
 * card worked from the browser's copy, said the save was kept there, and the edit reached the
 * server, where the other colleague sees it.
 */
async function offlineColleague(browser) {
  const problems = [];
  const demo = await startTeamDemo();
  const context = await browser.newContext();
  const otherContext = await browser.newContext();
  try {
    const a = await context.newPage();
    a.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Refused requests are logged by the browser (net::ERR_…): expected while the server is gone.
    a.on('console', (message) => {
      if (message.type() === 'error' && !/net::ERR_|Failed to fetch|NetworkError/.test(message.text())) problems.push(`console error: ${message.text()}`);
    });
    const server = new URL(new URL(demo.url).searchParams.get('team')).origin;
    await a.goto(demo.url);
    const card = a.locator('lift-contact-card#card');
    await contactShown(a, card, 60_000);
    // The personal details come once, online, before the server goes away.
    await card.locator('#field-jobTitle').waitFor({ timeout: 10_000 });
    const toServer = (url) => url.origin === server;
    await a.route(toServer, (route) => route.abort('connectionrefused'));
    await card.locator('#field-jobTitle').fill('Bewerkt in de trein');
    await a.keyboard.press('Control+s');
    await card.locator('[part~="save-state"]', { hasText: 'Op dit apparaat bewaard' }).waitFor({ timeout: 10_000 });
    await card.locator('[part~="sync"]', { hasText: 'Geen verbinding' }).waitFor({ timeout: 10_000 });
    await a.reload();
    await card.locator('[part~="name"]').waitFor({ timeout: 30_000 });
    const kept = await card.locator('#field-jobTitle').inputValue();
    if (kept !== 'Bewerkt in de trein') problems.push(`after a reload without the server the function reads "${kept}"`);
    await card.locator('[part~="sync"]', { hasText: '1 wijziging wacht' }).waitFor({ timeout: 10_000 });
    await a.unroute(toServer);
    await card.locator('[part~="sync"] button', { hasText: 'Nu verbinden' }).click();
    await card.locator('[part~="sync"]').waitFor({ state: 'detached', timeout: 15_000 });
    const b = await watchedPage(otherContext, problems);
    await b.goto(demo.second);
    await b.locator('lift-contact-card#card [part~="header"]', { hasText: 'Bewerkt in de trein' }).waitFor({ timeout: 30_000 });
  } finally {
    await context.close();
    await otherContext.close();
    await demo.stop();
  }
  return problems;
}

/**
 * The team demo opened on a fresh browser while its server cannot be reached at all (nothing
 * kept on the device yet): the page says the demo could not start, instead of loading for ever.
 */
async function teamServerUnreachable(browser) {
  const problems = [];
  const demo = await startDemo();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Port 9 (discard) has no server here: the connection is refused.
    await page.goto(`${demo.url}?team=${encodeURIComponent('http://127.0.0.1:9')}`);
    const status = page.locator('#demo-status');
    await status.filter({ hasText: 'De demo kon niet starten' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    const said = (await status.textContent())?.trim();
    if (!said?.startsWith('De demo kon niet starten: ')) problems.push(`with the team server unreachable the status reads "${said}"`);
  } finally {
    await context.close();
    await demo.stop();
  }
  return problems;
}

/** Serves the built package and a page that embeds the bundle, every response under the CSP. */
function cspServer() {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<script type="module" src="/dist/lift-elements.bundle.js"></script><script type="module" src="/csp-page.js"></script></head>
<body><lift-contact-card lang="en"></lift-contact-card></body></html>`;
  const script = `import { IndexedDbAdapter } from '/dist/lift-elements.library.js';
import { seedDemoData } from '/dist/data/demo/demo-data.js';
const adapter = new IndexedDbAdapter({ databaseName: 'lift-csp' });
const seeded = await seedDemoData(adapter, { contacts: 4, entriesPerContact: 8 });
const card = document.querySelector('lift-contact-card');
card.adapter = adapter;
card.selection = seeded.contactIds;
card.contactId = seeded.contactIds[0];
document.body.dataset.ready = 'true';`;
  const types = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8' };
  return http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    const headers = (type) => ({ 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    if (pathname === '/') return void res.writeHead(200, headers(types['.html'])).end(page);
    if (pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (pathname === '/csp-page.js') return void res.writeHead(200, headers(types['.js'])).end(script);
    const file = path.resolve(pathname.slice(1));
    if (!file.startsWith(path.resolve('dist') + path.sep)) return void res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, headers(types[path.extname(file)] ?? 'application/octet-stream')).end(body);
  });
}

/** The README's one-script snippet (the code block after its `snippet:one-script` marker). */
function oneScriptSnippet() {
  const readme = readFileSync('README.md', 'utf8');
  const marker = readme.indexOf('<!-- snippet:one-script');
  const block = marker < 0 ? undefined : /```html\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (!block) throw new Error('README.md has no one-script snippet after a `<!-- snippet:one-script` marker');
  return block[1];
}

/**
 * The one-script snippet as printed, served as a page whose `/assets/` is `dist/`, on a fresh
 * browser profile: the card must end up showing the seeded contact, with no errors.
 */
async function readmeOneScript(browser) {
  const problems = [];
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>one script</title></head><body>\n${oneScriptSnippet()}\n</body></html>`;
  const types = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8' };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/') return void res.writeHead(200, { 'content-type': types['.html'] }).end(page);
    if (pathname === '/favicon.ico') return void res.writeHead(204).end();
    const file = path.resolve('dist', pathname.replace(/^\/assets\//, ''));
    if (!pathname.startsWith('/assets/') || !file.startsWith(path.resolve('dist') + path.sep)) return void res.writeHead(404).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      // A file the snippet names that the build does not have: the check then fails on the page.
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  try {
    const tab = await watchedPage(context, problems);
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const name = tab.locator('lift-contact-card [part~="name"]');
    await name.waitFor({ timeout: 30_000 }).catch(async (error) => {
      const shown = await tab.evaluate(() => document.querySelector('lift-contact-card')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim());
      throw new Error(`no contact shown; the card says: ${shown}`, { cause: error });
    });
    const seeded = await tab.evaluate(async () => {
      const { IndexedDbAdapter } = await import('/assets/lift-elements.library.js');
      return (await new IndexedDbAdapter().contacts.get('c-000001')).lastName;
    });
    await tab.locator('lift-contact-card [part~="name"]', { hasText: seeded }).waitFor({ timeout: 10_000 });
  } finally {
    await context.close();
    server.close();
  }
  return problems;
}

async function strictCsp(browser) {
  const problems = [];
  const server = cspServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  try {
    const page = await watchedPage(context, problems);
    await page.addInitScript(() => {
      globalThis.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        globalThis.__violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample || '(inline)'}`),
      );
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    const card = page.locator('lift-contact-card');
    await card.locator('[part~="name"]').waitFor({ timeout: 15_000 });
    // Use it: tabs, an edit and a save, the search dialog, a report, the next contact.
    await card.locator('#tab-projects').click();
    await card.locator('#tab-correspondence').click();
    await card.locator('#tab-overview').click();
    await card.locator('lift-contact-timeline [part~="entry"]').first().waitFor();
    await card.locator('#field-notes').fill('<img src=x onerror="globalThis.__xss = 1">');
    await page.keyboard.press('Control+s');
    await card.locator('[role="status"]', { hasText: 'Saved.' }).first().waitFor({ timeout: 10_000 });
    await card.locator('lift-button-bar [data-action="search"]').click();
    await card.locator('dialog.action [role="option"]').first().waitFor();
    await page.keyboard.press('Escape');
    await card.locator('lift-button-bar [data-action="reports"]').click();
    await card.locator('lift-button-bar [role="menuitem"]').first().click();
    await card.locator('dialog.action figure.chart [role="img"]').first().waitFor();
    await card.locator('dialog.action .report-close').click();
    await card.locator('lift-button-bar [data-action="next"]').click();
    await page.waitForFunction(() => document.querySelector('lift-contact-card').getAttribute('contact-id') !== null);
    await card.locator('[part~="name"]').waitFor();
    const { violations, xss } = await page.evaluate(() => ({ violations: globalThis.__violations, xss: globalThis.__xss }));
    for (const violation of violations) problems.push(`CSP violation: ${violation}`);
    if (xss) problems.push('a note rendered as HTML ran its onerror handler');
  } finally {
    await context.close();
    server.close();
  }
  return problems;
}

/**
 * Serves an English page with `body` and the one-script bundle at `/`, and the files of `dist/`,
 * answering 503 (unavailable) for each path `refused` names: a host whose chunks cannot be
 * reached. Resolves once it listens on loopback.
 */
async function bundleServer(body, refused) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>outage</title>
<script type="module" src="/dist/lift-elements.bundle.js"></script></head>
<body>${body}</body></html>`;
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    if (refused(pathname)) return void res.writeHead(503).end();
    const file = path.resolve(pathname.slice(1));
    if (!file.startsWith(path.resolve('dist') + path.sep) || !file.endsWith('.js')) return void res.writeHead(404).end();
    let code;
    try {
      code = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(code);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** The notice in the place of a `tag` whose code did not load, once it says so in English. */
async function outageNotice(tab, tag, problems, timeout) {
  // The loader's notice, before the slot that shows the element's children: not an alert the
  // element renders itself once defined (the card's, for a contact it cannot find).
  const notice = tab.locator(`${tag} [role="alert"]:has(+ slot)`);
  const said = await notice.textContent({ timeout }).catch(() => 'nothing');
  if (said.replace(/\s+/g, ' ').trim() !== 'This part could not load. Try again or reload the page. Try again') problems.push(`the place of <${tag}> says: ${said}`);
  return notice;
}

/** Whether `tag` on the page renders `selector` in its shadow root within 15 s. */
function renders(tab, tag, selector) {
  return tab.waitForFunction(([name, inside]) => document.querySelector(name)?.shadowRoot?.querySelector(inside), [tag, selector], { timeout: 15_000 }).then(
    () => true,
    () => false,
  );
}

/**
 * Presses "Try again" in the notice in `tag`'s place, once its code can be reached again: the
 * retry must define the tag, which then renders `selector`, and the notice must go.
 */
async function retryRenders(tab, notice, tag, selector, problems) {
  await notice.getByRole('button', { name: 'Try again' }).click({ timeout: 5_000 }).catch(() => problems.push(`the notice of <${tag}> has no button "Try again"`));
  if (!(await renders(tab, tag, selector))) problems.push(`with its code back, the retry did not define <${tag}> (or it did not render)`);
  if (await notice.count()) problems.push(`the notice stayed in <${tag}>`);
}

/**
 * The bundle served while its chunks cannot be reached (offline, or a deploy in between): the
 * page says on the console which tag stayed undefined, the bar says in its place, in the page's
 * language, that it could not load, and its retry defines the tag once the chunks are back.
 */
async function chunkOutage(browser) {
  const problems = [];
  let reachable = false;
  const server = await bundleServer('<lift-button-bar buttons="save"></lift-button-bar>', (pathname) => pathname.startsWith('/dist/chunks/') && !reachable);
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const named = () => errors.some((text) => text.includes('<lift-button-bar>'));
    for (let waited = 0; !named() && waited < 15_000; waited += 100) await tab.waitForTimeout(100);
    if (!named()) problems.push(`no console error names <lift-button-bar>; errors: ${errors.join(' | ') || 'none'}`);
    if (await tab.evaluate(() => Boolean(customElements.get('lift-button-bar')))) problems.push('the bar was defined without its chunks');
    const notice = await outageNotice(tab, 'lift-button-bar', problems, 5_000);
    reachable = true;
    await retryRenders(tab, notice, 'lift-button-bar', '[role="toolbar"] button', problems);
  } finally {
    await context.close();
    server.close();
  }
  return problems;
}

/**
 * The bundle served while one chunk that several tags share cannot be reached (the data
 * contract's, which the card needs and the bar does not): each lazy step starts the chunks its
 * target imports beside it, so the card's step fails, and says so in the card's place, while the
 * bar beside it, whose chunks all arrived, renders. With the chunk back, the card's retry defines
 * it (on an empty database it says the contact does not exist: what matters is that it renders).
 */
async function sharedChunkOutage(browser) {
  const problems = [];
  let reachable = false;
  const server = await bundleServer(
    '<lift-button-bar buttons="save"></lift-button-bar><lift-contact-card contact-id="c-000001"></lift-contact-card>',
    (pathname) => /^\/dist\/chunks\/data-[\w-]+\.js$/.test(pathname) && !reachable,
  );
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const notice = await outageNotice(tab, 'lift-contact-card', problems, 15_000);
    if (!(await renders(tab, 'lift-button-bar', '[role="toolbar"] button'))) problems.push('the bar beside the card did not render, though none of its chunks was missing');
    reachable = true;
    await retryRenders(tab, notice, 'lift-contact-card', '[part~="card"]', problems);
  } finally {
    await context.close();
    server.close();
  }
  return problems;
}

/** @returns {Promise<{passed:number, failed:number, skipped:number}>} */
export async function checkE2E(filter = '') {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const { chromium: executablePath } = ensureBrowsers(['chromium']);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    for (const [name, check] of [
      ['the demo: edit, save, reload, see the change; unsaved edits ask before another contact and before reset demo data, which drops them; a selection holds contacts a search hides', demoEditSaveReload],
      ['the demo on a phone (390 px): open a contact, edit, save, see it saved, reload onto it', demoAtPhoneWidth],
      ['two pages on one database: live refresh, then a conflict settled by choice', twoPages],
      ['two colleagues on the team server (npm run start:team): live refresh, then a conflict settled by choice', (b) => twoPages(b, true)],
      ['one colleague loses the team server, saves, reloads and comes back: the save arrives', offlineColleague],
      ['the team demo with its server unreachable from the start says it could not start', teamServerUnreachable],
      ['the bundle under a strict CSP with Trusted Types', strictCsp],
      ["the README's one-script snippet on a fresh browser shows a seeded card", readmeOneScript],
      ['the bundle while its chunks cannot be reached: the tag is named, its place says so, and its retry defines it', chunkOutage],
      ['the bundle while a chunk the card shares cannot be reached: the card says so, the bar beside it renders, and the retry defines the card', sharedChunkOutage],
    ]) {
      if (!name.includes(filter)) continue;
      let problems;
      noticed = [];
      try {
        problems = await check(browser);
      } catch (error) {
        problems = [String(error.message ?? error), ...noticed];
      }
      if (problems.length) {
        totals.failed++;
        console.log(`  ✗ e2e: ${name}\n      ${problems.join('\n      ')}`);
      } else {
        totals.passed++;
        console.log(`  ✓ e2e: ${name}`);
      }
    }
  } finally {
    await browser.close();
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const totals = await checkE2E(process.argv[2] ?? '');
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed ? 1 : 0);
}
