import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ and the folders each may import from (besides itself and packages): a
 * directed graph without cycles, lower layers first.
 *
 *   core         → nothing          pure logic, runs and is tested in plain Node (no run-time vscode)
 *   elastic      → core             the only code that talks to a cluster
 *   config       → core             the extension's settings
 *   connections  → core, config     connections, their secrets, the log and redaction
 *   editors      → core, config, elastic                         documents as files, saving, conflicts
 *   mapping      → core, elastic, editors                        the index mapping in the editor
 *   explorer     → core, config, elastic, connections, editors   the tree view
 *   commands     → core, config, elastic, connections, editors, explorer   what the user runs
 *   extension.ts → everything: the composition root, imported by nothing
 *
 * Ids and types two layers share live in the lower one (command ids in core/commandIds.ts).
 */
const LAYERS = [
  ['core', []],
  ['elastic', ['core']],
  ['config', ['core']],
  ['connections', ['core', 'config']],
  ['editors', ['core', 'config', 'elastic']],
  ['mapping', ['core', 'elastic', 'editors']],
  ['explorer', ['core', 'config', 'elastic', 'connections', 'editors']],
  ['commands', ['core', 'config', 'elastic', 'connections', 'editors', 'explorer']],
];

function layerRules([folder, allowed]) {
  const forbidden = LAYERS.map(([other]) => other).filter((other) => other !== folder && !allowed.includes(other));
  const vscode = folder === 'core' ? [{ name: 'vscode', message: 'src/core is pure logic: no run-time vscode import.', allowTypeImports: true }] : [];
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: vscode,
        patterns: [{
          group: [...forbidden.map((other) => `../${other}/*`), '../extension'],
          message: `src/${folder} may import only from ${allowed.length ? allowed.join(', ') : 'itself'}: see the layers in eslint.config.mjs.`,
        }],
      }],
    },
  };
}

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
  ...LAYERS.map(layerRules),
  {
    // A notification's text is translated: it goes through vscode.l10n.t (l10n.t of @vscode/l10n in
    // src/core), whose strings `npm run l10n` writes to l10n/bundle.l10n.json. Tree item labels are
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
