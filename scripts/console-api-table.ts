/**
 * `npm run console:api`: reduces Elasticsearch's REST API specification (the schema.json that
 * `@elastic/request-converter` ships, a dev dependency) to the table the console completes and
 * checks from, `media/console/elasticsearch-api.json`. Only names, types, enum values, the first
 * sentence of each description and documentation links are kept: the whole schema is 10 MB, the
 * table a small part of it. `--check` writes nothing and fails when the table is not the one the
 * installed schema gives (a unit test runs it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reduceSchema, type Schema } from './consoleApiReduce';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'media/console/elasticsearch-api.json');
const PACKAGE = '@elastic/request-converter';

function main(): void {
  const packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const version = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const schema = JSON.parse(fs.readFileSync(path.join(packageDir, 'dist/schema.json'), 'utf8')) as Schema;
  const text = `${JSON.stringify(reduceSchema(schema, `${PACKAGE} ${version}`))}\n`;
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(ROOT, OUT)} is not the table of ${PACKAGE} ${version}: run npm run console:api`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUT)} is up to date with ${PACKAGE} ${version}`);
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)} (${(text.length / 1024).toFixed(0)} KiB) from ${PACKAGE} ${version}`);
}

main();
