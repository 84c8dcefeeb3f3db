import type { ConnectionConfig } from '../cluster/model/connectionConfig';
import { indexKey, type DocumentAddress } from '../cluster/model/documentAddress';
import type { VersionToken } from '../cluster/model/versionToken';
import type { DataStreamSummary, IndexSummary } from '../cluster/indexCatalog';

export interface ConnectionNode {
  readonly kind: 'connection';
  readonly connection: ConnectionConfig;
}

export interface IndexNode {
  readonly kind: 'index';
  readonly connectionId: string;
  readonly index: IndexSummary;
}

export interface DocumentNode {
  readonly kind: 'document';
  readonly address: DocumentAddress;
  /** A short line, not the source: thousands of listed documents must stay light. */
  readonly preview: string;
  /** The version that was listed: a delete from the tree is conditioned on it. */
  readonly token?: VersionToken;
}

export interface DataStreamNode {
  readonly kind: 'dataStream';
  readonly connectionId: string;
  readonly stream: DataStreamSummary;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly parent: IndexNode;
}

/** Stands where children could not be listed: the reason, and a retry of its parent. */
export interface FailureNode {
  readonly kind: 'failure';
  readonly message: string;
  readonly parent: ListedNode;
}

/** Stands under an index with nothing to list, e.g. "No documents match". */
export interface EmptyNode {
  readonly kind: 'empty';
  readonly message: string;
  readonly parent: IndexNode;
}

/** A row whose children are read from the cluster. */
export type ListedNode = ConnectionNode | IndexNode | DataStreamNode;

export type TreeNode = ConnectionNode | IndexNode | DataStreamNode | DocumentNode | LoadMoreNode | FailureNode | EmptyNode;

/** The `indexKey` of the index a row shows: per-index state (listings, filters, shown rows) is kept under it. */
export function indexNodeKey(node: IndexNode): string {
  return indexKey({ connectionId: node.connectionId, index: node.index.name });
}
