/**
 * Debian's Chromium driven by playwright-core (Playwright's own browser
 * download cannot work on these machines). Where no Chromium is installed the
 * editor suites skip and say so, unless WEFT_REQUIRE_BROWSER is set (as
 * .ci/run does), where they fail instead.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.WEFT_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for a closed network: without the background ones Chromium keeps dialling out. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser suites cannot run here, or undefined when they can. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set WEFT_CHROMIUM)`;
  if (process.env.WEFT_REQUIRE_BROWSER) {
    throw new Error(`The editor tests need a browser: ${reason}.`);
  }
  console.warn(`Skipping the editor's browser tests: ${reason}.`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
