import * as l10n from '@vscode/l10n';
/**
 * What every reading of a cluster's answer shares: JSON objects parsed with a plain reason when
 * they are not one, and the error that marks an answer that cannot be used.
 */

export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new MalformedResponseError(l10n.t('the cluster answered with an empty body'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedResponseError(l10n.t('the cluster answered with something that is not JSON: {0}', truncate(text, 120)));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedResponseError(l10n.t('the cluster answered with JSON that is not an object: {0}', truncate(text, 120)));
  }
  return value as Record<string, unknown>;
}

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}

export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}
