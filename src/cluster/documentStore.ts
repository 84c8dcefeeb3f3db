import * as l10n from '@vscode/l10n';
import { readBulkItems, type BulkAction, type BulkItem } from './model/bulkResponses';
import { ClusterError, failureFromResponse } from './model/clusterErrors';
import { checkDocumentId, type DocumentAddress } from './model/documentAddress';
import { readGetResponseBytes, readMgetResponse, readWriteResponse, type GetBytesResult, type GetResult, type MgetDoc, type WriteResult } from './model/documentResponses';
import type { RefreshPolicy } from '../platform/model/settingValues';
import type { VersionToken } from './model/versionToken';
import { encodePathSegment, readResponseBytes, type ClusterGateway } from './clusterGateway';

/** Reads and writes single documents: one request each, every write conditional. */
export class DocumentStore {
  constructor(private readonly gateway: (connectionId: string) => ClusterGateway) {}

  async get(address: DocumentAddress): Promise<GetResult> {
    const result = await this.getBytes(address);
    if (!result.found) return result;
    const { sourceBytes, ...rest } = result;
    return { ...rest, sourceText: sourceBytes.toString('utf8') };
  }

  /** `get` with `_source` as the bytes received: what an editor reads, never decoded on the way. */
  async getBytes(address: DocumentAddress): Promise<GetBytesResult> {
    refuseInvalidId(address);
    const gateway = this.gateway(address.connectionId);
    const response = await gateway.send({
      method: 'GET',
      path: docPath(address, '_doc'),
      query: { routing: address.routing },
    });
    if (response.status === 404) {
      const failure = failureFromResponse(404, response.text);
      if (failure.kind === 'indexMissing') throw new ClusterError(failure);
      return { found: false };
    }
    if (response.status >= 400) throw new ClusterError(gateway.failureOf(response));
    return readResponseBytes(response, readGetResponseBytes);
  }

  /** Reads several documents in one `_mget`, each with its exact source and version, in the order asked. */
  async getMany(connectionId: string, addresses: ReadonlyArray<{ index: string; id: string; routing?: string }>): Promise<MgetDoc[]> {
    const docs = addresses.map(({ index, id, routing }) => ({ _index: index, _id: id, ...(routing === undefined ? {} : { routing }) }));
    return this.gateway(connectionId).sendOkAndRead({ method: 'POST', path: '/_mget', body: JSON.stringify({ docs }) }, readMgetResponse);
  }

  /** Replaces the document only if it is still at `token`; a 409 comes back as a `conflict` ClusterError. */
  async replace(address: DocumentAddress, sourceText: string, token: VersionToken, refresh: RefreshPolicy): Promise<WriteResult> {
    return this.write(address, '_doc', sourceText, {
      if_seq_no: token.seqNo,
      if_primary_term: token.primaryTerm,
      routing: address.routing,
      refresh: refreshParam(refresh),
    });
  }

  /** Creates the document; fails with a conflict if it exists, so it can never overwrite. */
  async create(address: DocumentAddress, sourceText: string, refresh: RefreshPolicy): Promise<WriteResult> {
    return this.write(address, '_create', sourceText, {
      routing: address.routing,
      refresh: refreshParam(refresh),
    });
  }

  /**
   * Sets the given fields on the latest version: Elasticsearch re-applies them if someone wrote
   * in between, up to `retryOnConflict` times. Never combined with if_seq_no (refused with a 400).
   */
  async updateFields(address: DocumentAddress, partialText: string, retryOnConflict: number, refresh: RefreshPolicy): Promise<WriteResult> {
    refuseInvalidId(address);
    return this.writer(address).sendOkAndRead({
      method: 'POST',
      path: docPath(address, '_update'),
      query: { retry_on_conflict: retryOnConflict, routing: address.routing, refresh: refreshParam(refresh) },
      body: `{"doc":${partialText}}`,
    }, readWriteResponse);
  }

  /** Deletes the document only if it is still at `token`. */
  async delete(address: DocumentAddress, token: VersionToken, refresh: RefreshPolicy): Promise<WriteResult> {
    refuseInvalidId(address);
    return this.writer(address).sendOkAndRead({
      method: 'DELETE',
      path: docPath(address, '_doc'),
      query: { if_seq_no: token.seqNo, if_primary_term: token.primaryTerm, routing: address.routing, refresh: refreshParam(refresh) },
    }, readWriteResponse);
  }

  /**
   * Sends one `_bulk` request of write actions on the connection, refused before anything is
   * sent on a read-only one. The caller makes every action conditional (see `bulkAction`); the
   * items come back in the order sent.
   */
  async bulk(connectionId: string, actions: readonly BulkAction[], refresh: RefreshPolicy): Promise<BulkItem[]> {
    const gateway = this.gateway(connectionId);
    if (gateway.readOnly) throw new ClusterError({ kind: 'readOnly', reason: l10n.t('the connection "{0}" is read-only', connectionId) });
    const body = actions.map(({ action, source }) => (source === undefined ? `${action}\n` : `${action}\n${source}\n`)).join('');
    return gateway.sendOkAndRead({ method: 'POST', path: '/_bulk', query: { refresh: refreshParam(refresh) }, body, contentType: 'application/x-ndjson' }, (text) => readBulkItems(text, actions.length));
  }

  private async write(address: DocumentAddress, endpoint: string, body: string, query: Record<string, string | number | undefined>): Promise<WriteResult> {
    refuseInvalidId(address);
    return this.writer(address).sendOkAndRead({ method: 'PUT', path: docPath(address, endpoint), query, body }, readWriteResponse);
  }

  /** The gateway a write goes through; a read-only connection's refuses it here, before anything is sent. */
  private writer(address: DocumentAddress): ClusterGateway {
    const gateway = this.gateway(address.connectionId);
    if (gateway.readOnly) throw new ClusterError({ kind: 'readOnly', reason: l10n.t('the connection "{0}" is read-only', address.connectionId) });
    return gateway;
  }
}

/** An id the cluster would refuse is refused here, without a request. */
function refuseInvalidId(address: DocumentAddress): void {
  const problem = checkDocumentId(address.id);
  if (problem) throw new ClusterError({ kind: 'badRequest', reason: problem });
}

/** The `refresh` parameter for a policy: none at all for `false`, the cluster's default. */
function refreshParam(refresh: RefreshPolicy): RefreshPolicy | undefined {
  return refresh === 'false' ? undefined : refresh;
}

function docPath(address: DocumentAddress, endpoint: string): string {
  return `/${encodePathSegment(address.index)}/${endpoint}/${encodePathSegment(address.id)}`;
}
