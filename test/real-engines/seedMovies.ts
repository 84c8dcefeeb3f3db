// The `movies` seed of `npm run es-server -- --seed movies`, loaded into a real engine over HTTP:
// the same index name, mapping, ids and sources, in the same order, so the same documents get the
// same _seq_no (0 to 499) on the single shard, then one refresh.
import { generateMovies, movieSource } from '../server/seed-movies';

const MOVIES_MAPPING = {
  properties: {
    title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    year: { type: 'long' },
    genre: { type: 'keyword' },
  },
};

async function call(baseUrl: string, method: string, path: string, body?: string, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(baseUrl + path, { method, body, headers: body === undefined ? {} : { 'content-type': contentType } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates `movies` (one shard, the engine's default of one replica, as the test server reports) and loads it. */
export async function seedMoviesOverHttp(baseUrl: string): Promise<number> {
  await call(baseUrl, 'PUT', '/movies', JSON.stringify({ settings: { number_of_shards: 1 }, mappings: MOVIES_MAPPING }));
  const movies = generateMovies();
  const lines = movies.flatMap((m) => [JSON.stringify({ index: { _index: 'movies', _id: m.id } }), movieSource(m)]);
  const result = (await call(baseUrl, 'POST', '/_bulk', `${lines.join('\n')}\n`, 'application/x-ndjson')) as { errors: boolean; items: unknown[] };
  if (result.errors) throw new Error(`the movies bulk had errors: ${JSON.stringify(result.items.find((i) => JSON.stringify(i).includes('"error"')))}`);
  await call(baseUrl, 'POST', '/movies/_refresh');
  return movies.length;
}
