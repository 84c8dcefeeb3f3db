import * as l10n from '@vscode/l10n';

/**
 * What a progress notification says of a transfer: documents done of the total, the rate so far,
 * and the time left at that rate (`12,000 of 100,000 · 3,400/s · 26 s left`).
 */
export function progressText(done: number, total: number | undefined, elapsedMs: number): string {
  const count = total === undefined ? done.toLocaleString('en-US') : l10n.t('{0} of {1}', done.toLocaleString('en-US'), total.toLocaleString('en-US'));
  if (elapsedMs < 1000 || done === 0) return count;
  const rate = done / (elapsedMs / 1000);
  const parts = [count, l10n.t('{0}/s', Math.round(rate).toLocaleString('en-US'))];
  if (total !== undefined && total > done) parts.push(l10n.t('{0} left', duration((total - done) / rate)));
  return parts.join(' · ');
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
