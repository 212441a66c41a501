// The UI end-to-end test: a user opens a file with a blocking call in an async function, sees the
// problem in the Problems panel, opens the lightbulb menu with Ctrl+., picks Loopguard's suggestion
// with the keyboard and saves. Playwright drives Debian's headless Chromium against code-server;
// screenshots go to test-results/ui/ (and, when missing or LOOPGUARD_UPDATE_SCREENSHOTS=1, the
// quick-fix one to docs/images/ for the README).
import fs from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium } from '../runner/chromium';
import { startCodeServer } from '../runner/codeServer';
import { REPO_ROOT, RESULTS_DIR } from '../runner/paths';
import { createSandbox } from '../runner/sandbox';
import { closeUiSession } from '../runner/uiSession';
import type { ToolPaths } from '../runner/versions';
import { workbenchUrl } from '../runner/workbench';

const FILE = 'blocking.js';
const BLOCKING_CALL = 'fs.readFileSync("config.json", "utf8")';
const FIXED_CALL = 'await fs.promises.readFile("config.json", "utf8")';
const RULE = 'no-blocking-in-async';
/** Where the fixture's blocking call starts (1-based, as the status bar shows it). */
const BLOCKING_LINE = 9;
const BLOCKING_COLUMN = 16;
const SUGGESTION_TITLE = /await fs\.promises\.readFile|readFile/;
const OUT_DIR = path.join(RESULTS_DIR, 'ui');
const DOCS_IMAGE = path.join(REPO_ROOT, 'docs', 'images', 'quick-fix.png');
const STEP_TIMEOUT_MS = 60_000;
/** Loading the workbench and the first lint (extension activation, server start-up) take longer. */
const STARTUP_TIMEOUT_MS = 180_000;

export async function uiQuickFixTest(tools: ToolPaths, chromiumPath: string, folder: string, say: (line: string) => void): Promise<boolean> {
  const started = Date.now();
  let expecting = 'the workbench to load';
  const step = (what: string): void => say(`[ui ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
  const expect = (what: string): void => { expecting = what; };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const filePath = path.join(folder, FILE);
  if (!fs.readFileSync(filePath, 'utf8').includes(BLOCKING_CALL)) throw new Error(`${FILE} of the fixture workspace no longer contains ${BLOCKING_CALL}`);
  const sandbox = createSandbox({
    'editor.lightbulb.enabled': 'on',
    'workbench.panel.defaultLocation': 'bottom',
    // widgets that can cover the call's line: the pinned scope headers and the hover under the mouse
    'editor.stickyScroll.enabled': false,
    'editor.hover.enabled': false,
  });
  const server = await startCodeServer(tools, sandbox);
  const browser = await launchChromium(tools, chromiumPath);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  let ok = false;
  try {
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPaths: [REPO_ROOT] }), { waitUntil: 'commit' });
    await openFromExplorer(page, FILE, expect);
    step(`opened ${FILE}`);

    expect('the squiggle under the blocking call');
    await page.locator('.monaco-editor [class*="squiggly-"]').first().waitFor({ timeout: STARTUP_TIMEOUT_MS });
    expect('the Problems panel row');
    await page.keyboard.press('Control+Shift+M');
    const problemRow = page.locator('.markers-panel .monaco-list-row', { hasText: RULE });
    await problemRow.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const rowText = (await problemRow.first().innerText()).replace(/\s+/g, ' ');
    step(`Problems panel: ${rowText}`);
    if (!rowText.includes('loopguard')) throw new Error(`the Problems row does not come from loopguard: ${rowText}`);
    await page.screenshot({ path: path.join(OUT_DIR, '1-problems-panel.png') });

    expect('the cursor on the blocking call');
    // Go to Line, not a mouse click: once the editor scrolls, sticky scroll pins the function's first
    // line over the call's line and a click there lands on the pinned header instead.
    await placeCursor(page, BLOCKING_LINE, BLOCKING_COLUMN);
    expect('the lightbulb (code actions computed for the cursor)');
    await page.locator('.monaco-editor .lightBulbWidget').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    expect('the quick-fix menu');
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
    await openQuickFixMenu(page, menu, step);
    const entries = await menu.locator('.monaco-list-row').allInnerTexts();
    step(`quick-fix menu: ${JSON.stringify(entries.map((entry) => entry.replace(/\s+/g, ' ').trim()))}`);
    expect('Loopguard\'s suggestion in the menu');
    await focusEntry(page, SUGGESTION_TITLE);
    await page.screenshot({ path: path.join(OUT_DIR, '2-quick-fix-menu.png') });
    expect('the fix in the editor');
    await page.keyboard.press('Enter');

    await page.locator('.monaco-editor .view-lines', { hasText: 'fs.promises.readFile' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    step('the suggestion was applied in the editor');
    expect('the saved file on disk');
    await page.keyboard.press('Control+S');
    await waitForDisk(page, filePath, (text) => text.includes(FIXED_CALL));
    step('saved: the file on disk has the fix');
    expect('the Problems row to go away');
    await problemRow.first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    step('the problem is gone from the Problems panel');
    await page.screenshot({ path: path.join(OUT_DIR, '3-after-fix.png') });
    publishScreenshot(path.join(OUT_DIR, '2-quick-fix-menu.png'), step);
    ok = true;
  } catch (error) {
    // the first lines of Playwright's call log say what it saw (e.g. which element intercepted a click)
    say(`[ui] FAILED waiting for ${expecting}: ${(error as Error).message.split('\n').slice(0, 8).join('\n      ')}`);
    await page.screenshot({ path: path.join(OUT_DIR, 'failure.png'), timeout: STEP_TIMEOUT_MS })
      .catch((screenshotError: Error) => say(`[ui] no failure screenshot: ${screenshotError.message.split('\n')[0]}`));
  } finally {
    await closeUiSession({ browser, server, sandbox }, OUT_DIR);
  }
  say(`[ui] ${ok ? 'passed' : 'failed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return ok;
}

async function openFromExplorer(page: Page, file: string, expect: (what: string) => void): Promise<void> {
  expect(`${file} in the Explorer`);
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file });
  await row.first().waitFor({ timeout: STARTUP_TIMEOUT_MS });
  await row.first().click();
  expect(`${file} in an editor`);
  await page.locator('.monaco-editor .view-lines', { hasText: 'readFileSync' }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/**
 * Moves the focus in the open action menu to the entry matching `title`. Other providers (the
 * built-in TypeScript extension's "Move to file", ...) may add entries above ours, so pressing
 * Enter on whatever is focused first would apply someone else's action.
 */
async function focusEntry(page: Page, title: RegExp): Promise<void> {
  const rows = page.locator('.action-widget:not(.action-list-submenu-panel) .monaco-list-row');
  const count = await rows.count();
  for (let moves = 0; moves <= count; moves++) {
    const focused = await rows.and(page.locator('.focused')).first().innerText({ timeout: 2000 }).catch(() => '');
    if (title.test(focused)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no entry of the quick-fix menu matches ${title}`);
}

/**
 * Puts the cursor at `line`:`column` with Go to Line (Ctrl+G) and waits until the status bar shows it
 * there, which also leaves the keyboard focus in the editor.
 */
async function placeCursor(page: Page, line: number, column: number): Promise<void> {
  const position = page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_TIMEOUT_MS });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    try {
      await position.first().waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Ctrl+. as a user presses it, again if the menu has not opened after a while: on a busy machine the
 * first press can land before the code-action providers (ours and the built-in TypeScript one) have
 * answered. Before a retry the cursor is put back with the keyboard, so nothing depends on where the
 * mouse is or what covers the line.
 */
async function openQuickFixMenu(page: Page, menu: ReturnType<Page['locator']>, step: (what: string) => void): Promise<void> {
  const deadline = Date.now() + 2 * STEP_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const wait = Math.min(15_000, Math.max(1_000, deadline - Date.now()));
    try {
      await menu.locator('.monaco-list-row').first().waitFor({ timeout: wait });
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      step(`quick-fix menu not open after attempt ${attempt} (focus: ${await describeFocus(page)}); pressing Ctrl+. again`);
      await page.screenshot({ path: path.join(OUT_DIR, `quick-fix-attempt-${attempt}.png`) });
      await page.keyboard.press('Escape');
      await placeCursor(page, BLOCKING_LINE, BLOCKING_COLUMN);
    }
  }
}

/** The focused element, for the log of a retry: which widget had the keyboard when Ctrl+. did nothing. */
async function describeFocus(page: Page): Promise<string> {
  // a string, run in the page: the tests compile without the DOM library
  return page.evaluate<string>(`(() => {
    const focused = document.activeElement;
    if (!focused) return 'nothing';
    const part = focused.closest('.part, .monaco-editor, .quick-input-widget, .action-widget, .context-view');
    return focused.tagName.toLowerCase() + '.' + focused.className + ' in ' + (part ? part.className.split(' ').slice(0, 3).join('.') : 'the page');
  })()`).catch((error: Error) => `unknown (${error.message.split('\n')[0]})`);
}

async function waitForDisk(page: Page, file: string, accept: (text: string) => boolean): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (!accept(fs.readFileSync(file, 'utf8'))) {
    if (Date.now() > deadline) throw new Error(`${file} did not change on disk: ${JSON.stringify(fs.readFileSync(file, 'utf8'))}`);
    await page.waitForTimeout(100);
  }
}

function publishScreenshot(source: string, step: (what: string) => void): void {
  if (fs.existsSync(DOCS_IMAGE) && process.env.LOOPGUARD_UPDATE_SCREENSHOTS !== '1') return;
  fs.mkdirSync(path.dirname(DOCS_IMAGE), { recursive: true });
  fs.copyFileSync(source, DOCS_IMAGE);
  step(`copied the screenshot to ${path.relative(REPO_ROOT, DOCS_IMAGE)}`);
}
