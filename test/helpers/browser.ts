/** Debian's chromium through playwright-core, as every browser test starts it. */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** A skip reason when the browser is missing, else false. */
export const noBrowser = existsSync(CHROMIUM)
  ? false
  : `no ${CHROMIUM}: install Debian chromium to run browser tests`;

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
