import * as l10n from '@vscode/l10n';
/**
 * A document's address in a cluster, and its encoding as the path of a virtual-file URI
 * (`esdocs:/{connection}/{index}/_doc/{id}.json?routing=...`, mirroring the REST path). The
 * address must be recoverable from the URI alone so that an editor restored after a window
 * reload reopens without any cache. A document not created yet lives under `_create` instead of
 * `_doc`: its first save creates it, and its tab is told apart from the existing document's.
 */
export interface DocumentAddress {
  readonly connectionId: string;
  readonly index: string;
  readonly id: string;
  readonly routing?: string;
}

/** The parts of a URI, without the scheme, as the VS Code glue builds them into a `Uri`. */
export interface AddressUriParts {
  readonly path: string;
  readonly query: string;
}

const SUFFIX = '.json';

/** `doc`: an existing document, saved with a conditional replace; `create`: a draft, saved with `op_type=create`. */
export type UriKind = 'doc' | 'create';
const ENDPOINTS: Record<UriKind, string> = { doc: '_doc', create: '_create' };

// Only the characters that would change the path's structure are escaped, so that tab titles
// stay readable (`my doc?.json`, `é😀.json`); VS Code escapes the rest when it prints the URI.
function encodeSegment(value: string): string {
  return value.replace(/[%/\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

function decodeSegment(value: string): string {
  return value.replace(/%(25|2F|5C)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// The routing is escaped by hand rather than with URLSearchParams, which would turn a lone
// surrogate into U+FFFD and so point the editor at another routing.
function encodeQueryValue(value: string): string {
  return value.replace(/[%&#+=]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function decodeQueryValue(value: string): string {
  return value.replace(/%(25|26|23|2B|3D)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function routingFromQuery(query: string): string | undefined {
  const param = query.split('&').find((p) => p.startsWith('routing='));
  return param === undefined ? undefined : decodeQueryValue(param.slice('routing='.length));
}

export function addressToUriParts(address: DocumentAddress, kind: UriKind = 'doc'): AddressUriParts {
  const path = `/${encodeSegment(address.connectionId)}/${encodeSegment(address.index)}/${ENDPOINTS[kind]}/${encodeSegment(address.id)}${SUFFIX}`;
  const query = address.routing === undefined ? '' : `routing=${encodeQueryValue(address.routing)}`;
  return { path, query };
}

/** Whether the path is that of an existing document or of a draft; throws for any other path. */
export function uriKindOf(parts: AddressUriParts): UriKind {
  const segments = parts.path.split('/');
  const kind = (Object.keys(ENDPOINTS) as UriKind[]).find((k) => ENDPOINTS[k] === segments[3]);
  if (segments.length !== 5 || segments[0] !== '' || kind === undefined || !segments[4].endsWith(SUFFIX)) {
    throw new Error(l10n.t('Not an Elasticsearch document path: {0}', parts.path));
  }
  return kind;
}

export function addressFromUriParts(parts: AddressUriParts): DocumentAddress {
  uriKindOf(parts);
  const segments = parts.path.split('/');
  const [connectionId, index, idWithSuffix] = [segments[1], segments[2], segments[4]].map(decodeSegment);
  const id = idWithSuffix.slice(0, -SUFFIX.length);
  if (connectionId === '' || index === '' || id === '') {
    throw new Error(l10n.t('Not an Elasticsearch document path: {0}', parts.path));
  }
  const routing = routingFromQuery(parts.query);
  return routing === undefined ? { connectionId, index, id } : { connectionId, index, id, routing };
}

/** A stable key for maps of per-document state (tokens, open editors). */
export function addressKey(address: DocumentAddress): string {
  return JSON.stringify([address.connectionId, address.index, address.id, address.routing ?? null]);
}

/** What names an index (or an alias, or a data stream) of a connection, as addressed. */
export type IndexAddress = Pick<DocumentAddress, 'connectionId' | 'index'>;

/** A stable key for maps of per-index state (listings, filters, mappings); see `isKeyOfConnection`. */
export function indexKey(address: IndexAddress): string {
  return `${address.connectionId}\u0000${address.index}`;
}

/** Whether an `indexKey` names an index of the connection. */
export function isKeyOfConnection(key: string, connectionId: string): boolean {
  return key.startsWith(`${connectionId}\u0000`);
}

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text with each lone surrogate (half of a UTF-16 pair, which has no UTF-8 form) replaced by
 * U+FFFD, as Node writes it: a URL can then carry it without `encodeURIComponent` throwing.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}

/** Why Elasticsearch would refuse this id, or undefined when it accepts it. */
export function checkDocumentId(id: string): string | undefined {
  if (id === '') return l10n.t('a document _id cannot be empty');
  // Such an id has no UTF-8 form: it would reach Elasticsearch as another id (with U+FFFD).
  if (wellFormed(id) !== id) return l10n.t('a document _id cannot contain half of a UTF-16 surrogate pair (such as \\ud83d alone): Elasticsearch stores ids as UTF-8');
  const bytes = Buffer.byteLength(id, 'utf8');
  return bytes > 512 ? l10n.t('a document _id is at most 512 bytes; this one has {0}', bytes) : undefined;
}
