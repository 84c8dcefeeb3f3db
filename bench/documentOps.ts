import { ClusterError } from '../src/cluster/model/clusterErrors';
import { describeConflict, readConflictReason } from '../src/documents/model/conflicts';
import { addressKey, type DocumentAddress } from '../src/cluster/model/documentAddress';
import { describeProblem, documentBody, prettyPrintJson, prettyPrintJsonBytes } from '../src/json/jsonText';
import type { VersionToken } from '../src/cluster/model/versionToken';
import type { DocumentStore } from '../src/cluster/documentStore';
import { DOCS_INDEX, documentText, PEER_INDEX, putDocument } from './fixtures';
import type { Measured } from './measure';
import type { PeerTool } from './peerTool';
import type { RawHttp } from './rawHttp';

/**
 * Open, save and conflict, each as the extension does it (DocumentFileSystem.readFile/writeFile
 * without the vscode glue: the same calls in the same order), as the tools people use instead do
 * it (the peer baseline: `JSON.parse` and `JSON.stringify`, which lose big integers and `1.0`),
 * and as a raw request that neither pretty-prints nor validates would.
 */

export interface DocumentContext {
  readonly store: DocumentStore;
  readonly raw: RawHttp;
  readonly peer: PeerTool;
  readonly connectionId: string;
}

interface RawToken {
  seqNo: number;
  primaryTerm: number;
}

function docPath(id: string, query = '', index = DOCS_INDEX): string {
  return `/${index}/_doc/${encodeURIComponent(id)}${query}`;
}

async function seed(ctx: DocumentContext, id: string, text: string, index = DOCS_INDEX): Promise<{ address: DocumentAddress; token: VersionToken }> {
  const put = await putDocument(ctx.raw, index, id, text);
  return { address: { connectionId: ctx.connectionId, index, id }, token: { ...put, version: 1 } };
}

export interface OpenAndSave {
  readonly open: Measured;
  readonly save: Measured;
  /** The extension's open with the edits applied in one pass: the proposed fix, not budgeted. */
  readonly openAddress: DocumentAddress;
}

export async function openAndSave(ctx: DocumentContext, label: string, bytes: number): Promise<OpenAndSave> {
  const source = documentText(bytes);
  // What the editor holds after opening: the text a save sends back.
  const editorText = prettyPrintJson(source);
  const tokens = new Map<string, VersionToken>();
  const open = await seed(ctx, `open-${label}`, source);
  const saveExt = await seed(ctx, `save-${label}-ext`, source);
  const saveRaw = await seed(ctx, `save-${label}-raw`, source);
  const savePeer = await seed(ctx, `save-${label}-peer`, source, PEER_INDEX);
  tokens.set(addressKey(saveExt.address), saveExt.token);
  const rawToken: RawToken = { ...saveRaw.token };
  const peerToken: RawToken = { ...savePeer.token };

  // As DocumentFileSystem.readFile: the bytes for the editor, and their text for the baseline.
  const openExtension = async (): Promise<unknown> => {
    const result = await ctx.store.getBytes(open.address);
    if (!result.found) throw new Error('the document to open is missing');
    tokens.set(addressKey(open.address), result.token);
    const bytes = prettyPrintJsonBytes(result.sourceBytes);
    return [bytes, bytes.toString('utf8')];
  };
  const openRaw = async (): Promise<unknown> => {
    const response = await ctx.raw.request('GET', docPath(open.address.id));
    if (response.status !== 200) throw new Error(`raw open answered ${response.status}`);
    return JSON.parse(response.text);
  };
  const openPeer = (): Promise<unknown> => ctx.peer.open(docPath(open.address.id));
  const saveExtension = async (): Promise<unknown> => {
    // The default esdocs.saveFormat: checked strictly, sent compact.
    const check = documentBody(editorText, true);
    if (!check.ok) throw new Error(describeProblem(check));
    const key = addressKey(saveExt.address);
    const token = tokens.get(key);
    if (token === undefined) throw new Error('no version token');
    const result = await ctx.store.replace(saveExt.address, check.body, token, 'false');
    tokens.set(key, result.token);
    return result;
  };
  const saveBaseline = async (): Promise<unknown> => {
    const query = `?if_seq_no=${rawToken.seqNo}&if_primary_term=${rawToken.primaryTerm}`;
    const body = await ctx.raw.json('PUT', docPath(saveRaw.address.id, query), editorText);
    rawToken.seqNo = Number(body._seq_no);
    rawToken.primaryTerm = Number(body._primary_term);
    return body;
  };
  const savePeerWay = async (): Promise<unknown> => {
    const next = await ctx.peer.save(docPath(savePeer.address.id, '', PEER_INDEX), editorText, peerToken);
    Object.assign(peerToken, next);
    return next;
  };
  const kb = (Buffer.byteLength(source) / 1024).toFixed(0);
  return {
    open: {
      name: `open ${label}`,
      extension: openExtension,
      peer: openPeer,
      baseline: openRaw,
      note: `source ${kb} KiB; get + exact pretty print (bytes, and their text) vs peer (official client) GET + JSON.parse + JSON.stringify(value, null, 2) vs raw GET + JSON.parse`,
    },
    save: {
      name: `save ${label}`,
      extension: saveExtension,
      peer: savePeerWay,
      baseline: saveBaseline,
      note: `text ${(Buffer.byteLength(editorText) / 1024).toFixed(0)} KiB; strict check + compact + conditional PUT + token vs peer (official client) JSON.parse + JSON.stringify + conditional PUT vs raw conditional PUT`,
    },
    openAddress: open.address,
  };
}

export async function conflict(ctx: DocumentContext, bytes: number): Promise<Measured> {
  const source = documentText(bytes);
  const editorText = prettyPrintJson(source);
  const ext = await seed(ctx, 'conflict-ext', source);
  const raw = await seed(ctx, 'conflict-raw', source);
  // Someone else's change: both documents move on, the tokens held stay stale for every run.
  await putDocument(ctx.raw, DOCS_INDEX, ext.address.id, source);
  await putDocument(ctx.raw, DOCS_INDEX, raw.address.id, source);

  const extension = async (): Promise<unknown> => {
    try {
      await ctx.store.replace(ext.address, editorText, ext.token, 'false');
    } catch (error) {
      if (!(error instanceof ClusterError) || error.failure.kind !== 'conflict') throw error;
      const message = describeConflict(readConflictReason(error.failure.reason), ext.token.seqNo);
      const server = await ctx.store.get(ext.address);
      if (!server.found) throw new Error('the conflicting document is missing');
      return [message, prettyPrintJson(server.sourceText)];
    }
    throw new Error('a stale save was accepted');
  };
  const baseline = async (): Promise<unknown> => {
    const query = `?if_seq_no=${raw.token.seqNo}&if_primary_term=${raw.token.primaryTerm}`;
    const put = await ctx.raw.request('PUT', docPath(raw.address.id, query), editorText);
    if (put.status !== 409) throw new Error(`a stale raw save answered ${put.status}`);
    JSON.parse(put.text);
    const get = await ctx.raw.request('GET', docPath(raw.address.id));
    return JSON.parse(get.text);
  };
  return { name: 'conflict 2 KB', extension, baseline, note: 'stale PUT → 409, then GET of the server version' };
}
