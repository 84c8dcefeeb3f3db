import * as vscode from 'vscode';
import { describeError } from '../cluster/model/clusterErrors';
import { Disposable } from '../platform/model/disposable';
import { indexKey, isKeyOfConnection, type IndexAddress } from '../cluster/model/documentAddress';
import { readMappingModel, type MappingModel } from './model/mappingModel';
import type { ClusterGateway } from '../cluster/clusterGateway';
import { readIndexMappings } from '../cluster/indexMappings';

/** The mapping a document is checked against, and the index name the user addressed (an alias, say). */
export interface DocumentMapping {
  readonly model: MappingModel;
  readonly indexName: string;
}

/**
 * Index mappings, fetched once per index and session (`GET /{index}/_mapping`), when an editor
 * first needs one: never per keystroke. A failed fetch is remembered as "no mapping" too, so that
 * an unreachable cluster costs one request, not one per edit. Refresh (`invalidate`) and a save
 * the mapping refused drop an index's entry; the next need fetches it again.
 */
export class MappingCache extends Disposable {
  private readonly entries = new Map<string, { promise: Promise<DocumentMapping | undefined>; value?: DocumentMapping }>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** An index's mapping arrived or was dropped: what depends on it is worked out again. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly gateway: (connectionId: string) => ClusterGateway,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    super();
  }

  /** The mapping of the document's index, fetching it the first time. */
  get(address: IndexAddress): Promise<DocumentMapping | undefined> {
    const key = indexKey(address);
    const existing = this.entries.get(key);
    if (existing) return existing.promise;
    const entry: { promise: Promise<DocumentMapping | undefined>; value?: DocumentMapping } = { promise: Promise.resolve(undefined) };
    entry.promise = this.fetch(address).then((value) => {
      if (this.entries.get(key) === entry) entry.value = value;
      return value;
    });
    this.entries.set(key, entry);
    return entry.promise;
  }

  /** The mapping when it has already arrived; never fetches. */
  peek(address: IndexAddress): DocumentMapping | undefined {
    return this.entries.get(indexKey(address))?.value;
  }

  /** Drops one index's mapping, a connection's (no index), or all (nothing given). */
  invalidate(connectionId?: string, index?: string): void {
    const before = this.entries.size;
    for (const key of [...this.entries.keys()]) {
      if (connectionId === undefined || (index === undefined ? isKeyOfConnection(key, connectionId) : key === indexKey({ connectionId, index }))) this.entries.delete(key);
    }
    if (this.entries.size !== before) this.changed.fire();
  }

  override dispose(): void {
    this.entries.clear();
    super.dispose();
  }

  private async fetch(address: IndexAddress): Promise<DocumentMapping | undefined> {
    try {
      const answer = await readIndexMappings(this.gateway(address.connectionId), address.index);
      const model = readMappingModel(answer, address.index);
      return model && { model, indexName: address.index };
    } catch (error) {
      // A log line: the action stays in English (support reads the log).
      this.log(describeError(`Reading the mapping of ${address.index}`, error));
      return undefined;
    }
  }
}
