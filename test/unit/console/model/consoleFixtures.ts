import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiTable } from '../../../../src/console/model/apiTable';
import type { ConsoleContext } from '../../../../src/console/model/consoleChecks';
import { queryableFields, readMappingModel } from '../../../../src/mapping/model/mappingModel';

/** The table the extension ships, and the mapping of the demo's movies index as the cluster answers it. */
export const table = JSON.parse(readFileSync(join(__dirname, '../../../../media/console/elasticsearch-api.json'), 'utf8')) as ApiTable;
const moviesMapping = readMappingModel({
  movies: {
    mappings: {
      properties: {
        title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        year: { type: 'long' },
        genre: { type: 'keyword' },
        director: { properties: { name: { type: 'text' } } },
      },
    },
  },
})!;
export const moviesFields = queryableFields(moviesMapping);
export const context: ConsoleContext = { table, variable: () => undefined, fields: (index) => (index === 'movies' ? moviesFields : undefined) };

