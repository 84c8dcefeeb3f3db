import type { Connection } from '../connections/connectionRegistry';
import type { DocumentAddress } from '../core/documentAddress';
import type { IndexSummary } from '../elastic/indexCatalog';

export interface ConnectionNode {
  readonly kind: 'connection';
  readonly connection: Connection;
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
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly parent: IndexNode;
}

/** Stands where children could not be listed: the reason, and a retry of its parent. */
export interface FailureNode {
  readonly kind: 'failure';
  readonly message: string;
  readonly parent: ConnectionNode | IndexNode;
}

export type TreeNode = ConnectionNode | IndexNode | DocumentNode | LoadMoreNode | FailureNode;

export function indexKey(node: IndexNode): string {
  return `${node.connectionId}\u0000${node.index.name}`;
}
