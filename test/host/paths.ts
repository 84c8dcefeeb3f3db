import * as path from 'node:path';

/** Project root, computed so the scripts work from any clone location. */
export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** Git-ignored folder holding everything the real host needs (about 1 GB). */
export const HOST_DIR = path.join(PROJECT_ROOT, '.host');

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const NODE24_DIR = path.join(HOST_DIR, 'node24');
export const NODE24_BIN = path.join(NODE24_DIR, 'bin', 'node');
export const CODE_SERVER_DIR = path.join(HOST_DIR, 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM_BIN = '/usr/bin/chromium';

/** Screenshots and other artefacts of the UI tests. */
export const RESULTS_DIR = path.join(PROJECT_ROOT, 'test-results');

export const SUITE_ENTRY = path.join(PROJECT_ROOT, 'out', 'test', 'suite', 'index.js');
