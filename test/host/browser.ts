import { chromium, type Browser, type Page } from 'playwright-core';
import { onCleanup } from './cleanup';
import { CHROMIUM_BIN } from './paths';

// No sandbox: these runs are as root in containers. The rest keeps Chromium from phoning home.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers often have a tiny /dev/shm, on which Chromium's renderer crashes.
  '--disable-dev-shm-usage',
];

export interface Session {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile (playwright's launch makes a temp one). */
export async function openBrowser(viewport = { width: 1400, height: 900 }): Promise<Session> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      unregister();
      await browser.close().catch(() => undefined);
    })();
    return closed;
  };
  const unregister = onCleanup(close);
  const page = await browser.newPage({ viewport });
  return { browser, page, close };
}
