import * as l10n from '@vscode/l10n';

/** Words the table's page shows, made on either side of the protocol (the page bundles this file). */

/** The words under the grid: `1–100 of 12,480 · year:2014`. */
export function describeRange(first: number, last: number, total: number | undefined, relation: 'eq' | 'gte' | undefined, filter: string): string {
  const of = total === undefined ? '' : ` ${l10n.t('of')} ${total.toLocaleString('en-US')}${relation === 'gte' ? '+' : ''}`;
  const range = total === 0 ? l10n.t('no documents') : `${(first + 1).toLocaleString('en-US')}–${last.toLocaleString('en-US')}${of}`;
  return filter.trim() === '' ? range : `${range} · ${filter.trim()}`;
}
