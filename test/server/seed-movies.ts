// The `movies` seed: a deterministic set of films (a few well-known MovieLens entries, among them
// 109487 Interstellar as in the project's seed note, plus generated ones), indexed and refreshed.
import type { Cluster } from './engine/cluster';
import { indexDocument, prepareSource } from './engine/documents';

export interface Movie {
  id: string;
  title: string;
  year: number;
  genre: string[];
}

const KNOWN: Movie[] = [
  { id: '1', title: 'Toy Story', year: 1995, genre: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'] },
  { id: '2', title: 'Jumanji', year: 1995, genre: ['Adventure', 'Children', 'Fantasy'] },
  { id: '260', title: 'Star Wars: Episode IV - A New Hope', year: 1977, genre: ['Action', 'Adventure', 'Sci-Fi'] },
  { id: '318', title: 'Shawshank Redemption, The', year: 1994, genre: ['Crime', 'Drama'] },
  { id: '356', title: 'Forrest Gump', year: 1994, genre: ['Comedy', 'Drama', 'Romance', 'War'] },
  { id: '593', title: 'Silence of the Lambs, The', year: 1991, genre: ['Crime', 'Horror', 'Thriller'] },
  { id: '2571', title: 'Matrix, The', year: 1999, genre: ['Action', 'Sci-Fi', 'Thriller'] },
  { id: '4993', title: 'Lord of the Rings: The Fellowship of the Ring, The', year: 2001, genre: ['Adventure', 'Fantasy'] },
  { id: '58559', title: 'Dark Knight, The', year: 2008, genre: ['Action', 'Crime', 'Drama', 'IMAX'] },
  { id: '79132', title: 'Inception', year: 2010, genre: ['Action', 'Crime', 'Drama', 'Mystery', 'Sci-Fi', 'Thriller', 'IMAX'] },
  { id: '109487', title: 'Interstellar', year: 2014, genre: ['IMAX', 'Sci-Fi'] },
  { id: '122882', title: 'Mad Max: Fury Road', year: 2015, genre: ['Action', 'Adventure', 'Sci-Fi', 'Thriller'] },
];

const GENRES = ['Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western'];
const ADJ = ['Silent', 'Broken', 'Golden', 'Last', 'Hidden', 'Crimson', 'Electric', 'Frozen', 'Lonely', 'Savage', 'Midnight', 'Distant', 'Burning', 'Secret', 'Endless', 'Little'];
const NOUN = ['River', 'Empire', 'Garden', 'Horizon', 'Machine', 'Kingdom', 'Harbor', 'Station', 'Promise', 'Shadow', 'Voyage', 'Summer', 'Signal', 'Orchard', 'Frontier', 'Letter'];

/** Small deterministic PRNG (mulberry32) so every run seeds the same films. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateMovies(count = 500): Movie[] {
  const rand = rng(109487);
  const out = [...KNOWN];
  const used = new Set(out.map((m) => m.id));
  let next = 3000;
  while (out.length < count) {
    next += 1 + Math.floor(rand() * 97);
    const id = String(next);
    if (used.has(id)) continue;
    used.add(id);
    const title = `${ADJ[Math.floor(rand() * ADJ.length)]} ${NOUN[Math.floor(rand() * NOUN.length)]}${rand() < 0.2 ? ' II' : ''}`;
    const genre = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => GENRES[Math.floor(rand() * GENRES.length)]!))].sort();
    out.push({ id, title, year: 1950 + Math.floor(rand() * 75), genre });
  }
  return out;
}

export function movieSource(m: Movie): string {
  return JSON.stringify({ genre: m.genre, title: m.title, year: m.year });
}

export function seedMovies(cluster: Cluster): void {
  const index = cluster.createIndex('movies', {
    mappings: { properties: { title: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 256 } } }, year: { type: 'long' }, genre: { type: 'keyword' } } },
  });
  for (const m of generateMovies()) {
    const src = movieSource(m);
    indexDocument(index, m.id, src, prepareSource(index, m.id, src), undefined, { versionType: 'internal' }, false);
  }
  index.refresh();
}
