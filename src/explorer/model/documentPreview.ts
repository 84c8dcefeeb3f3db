import { prettyPrintJson } from '../../json/jsonText';

const PREFERRED_FIELDS = ['title', 'name', 'label', 'message', 'description'];

/**
 * The `_source` fields a listing fetches for its previews: nothing else of a listed document
 * leaves the cluster (the tooltip reads the document when it is shown).
 */
export const PREVIEW_FIELDS: readonly string[] = PREFERRED_FIELDS;

/**
 * A short line describing a document in a list: a title-like field, else its first string field
 * (of those fetched: a listing fetches only `PREVIEW_FIELDS`).
 */
export function previewOf(sourceText: string, maxLength = 80): string {
  let source: unknown;
  try {
    source = JSON.parse(sourceText);
  } catch {
    return '';
  }
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return '';
  const record = source as Record<string, unknown>;
  const preferred = PREFERRED_FIELDS.map((f) => record[f]).find((v) => typeof v === 'string' && v !== '');
  const value = preferred ?? Object.values(record).find((v) => typeof v === 'string' && v !== '');
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  return text.length <= maxLength ? text : text.slice(0, maxLength - 1) + '…';
}

/** The document's source, pretty-printed and cut to a size a tooltip can show. */
export function tooltipOf(sourceText: string, maxLength = 1500): string {
  const pretty = prettyPrintJson(sourceText.length > maxLength * 4 ? sourceText.slice(0, maxLength * 4) : sourceText).trimEnd();
  return pretty.length <= maxLength ? pretty : pretty.slice(0, maxLength) + '\n…';
}
