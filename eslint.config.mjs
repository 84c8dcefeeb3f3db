import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layout of src/: each folder is one domain, and each may import only the folders below it, so
 * no two folders import each other, directly or round a loop. The order, lowest first:
 *
 *   platform, json     the ground: what every feature uses of VS Code (settings, command ids,
 *                      disposables, quick input) and exact JSON text
 *   cluster            the one way to talk to a cluster, and in its model/ what a connection is
 *   mapping            the index mapping: its model and the cache of mappings read
 *   documents, connections, console, table, bulk, transfer
 *                      the features, beside each other: they reach each other through command ids,
 *                      never by import
 *   explorer           the tree: it lists connections and opens documents
 *   commands           the actions that span features
 *   extension.ts       the composition root, imported by nothing
 *
 * A folder's model/ (and all of json/) is its pure part: no run-time `vscode` import, and it imports
 * no glue — only models and json/, its own folder's model included.
 */
const GROUND = ['platform', 'json'];
const FOUNDATIONS = [...GROUND, 'cluster', 'mapping'];
const FEATURES = ['documents', 'connections', 'console', 'table', 'bulk', 'transfer'];
const MAY_IMPORT = {
  platform: [],
  json: [],
  cluster: GROUND,
  mapping: [...GROUND, 'cluster'],
  ...Object.fromEntries(FEATURES.map((feature) => [feature, FOUNDATIONS])),
  explorer: [...FOUNDATIONS, 'documents', 'connections'],
  commands: [...FOUNDATIONS, ...FEATURES, 'explorer'],
};
MAY_IMPORT.extension = [...MAY_IMPORT.commands, 'commands'];

/** Where a file of src/ sits: its folder, and whether it is pure (a model/, or json/). */
function placeOf(file) {
  const parts = path.relative(path.join(path.dirname(fileURLToPath(import.meta.url)), 'src'), file).split(path.sep);
  if (parts[0] === '..' || parts.length === 0) return undefined;
  // extension.ts itself, and anything else at the top of src/, counts as the composition root.
  if (parts.length === 1) return { folder: parts[0].replace(/\.ts$/, ''), pure: false };
  return { folder: parts[0], pure: parts[0] === 'json' || parts[1] === 'model' };
}

const layersRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = placeOf(context.filename);
    if (!from) return {};
    const check = (node, source, typeOnly) => {
      if (typeof source !== 'string') return;
      if (source === 'vscode') {
        if (from.pure && !typeOnly) context.report({ node, message: `src/${from.folder}'s pure part runs in plain Node: no run-time vscode import.` });
        return;
      }
      if (!source.startsWith('.')) return;
      const to = placeOf(path.resolve(path.dirname(context.filename), source));
      if (!to) return;
      if (to.folder === 'extension') return context.report({ node, message: 'Nothing imports extension.ts: it is the composition root.' });
      if (to.folder !== from.folder && !(MAY_IMPORT[from.folder] ?? []).includes(to.folder)) {
        const allowed = MAY_IMPORT[from.folder]?.join(', ') || 'nothing outside itself';
        return context.report({ node, message: `src/${from.folder} may import only ${allowed}: see the layout in eslint.config.mjs.` });
      }
      if (from.pure && !to.pure) context.report({ node, message: `src/${from.folder}'s pure part imports no glue (src/${to.folder}): only models and json/.` });
    };
    const typeOnly = (node) => node.importKind === 'type' || node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ImportExpression: (node) => check(node, node.source.value, false),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.host/**', '.vscode-test/**', 'test-results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', URLSearchParams: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { esdocs: { rules: { layers: layersRule } } },
    rules: { 'esdocs/layers': 'error' },
  },
  {
    // A notification's text is translated: it goes through vscode.l10n.t (l10n.t of @vscode/l10n in
    // the pure models), whose strings `npm run l10n` writes to l10n/bundle.l10n.json. Tree item labels are
    // often data (index names, ids), so TreeItem is not restricted.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'CallExpression[callee.property.name=/^show(Information|Warning|Error)Message$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
        message: 'A notification\'s text goes through vscode.l10n.t(\'Text with {0}\', arg), so that it can be translated.',
      }],
    },
  },
  {
    files: ['eslint.config.mjs'],
    rules: { 'no-restricted-exports': 'off' },
  },
);
