import * as vscode from 'vscode';
import type { GatewayPool } from '../cluster/gatewayPool';
import { listAliases, listDataStreams, listIndices } from '../cluster/indexCatalog';
import type { MappingCache } from '../mapping/mappingCache';
import { queryableFields } from '../mapping/model/mappingModel';
import { Disposable } from '../platform/model/disposable';
import type { ApiTableFile } from './apiTableFile';
import type { ConsoleBindings } from './consoleBindings';
import type { ApiTable } from './model/apiTable';
import { analyzeRequest, fileVariables, singleIndex } from './model/consoleChecks';
import type { CompletionSources } from './model/consoleCompletion';
import { parseConsole, type ConsoleFile, type ConsoleRequest } from './model/consoleParser';

/**
 * What the console's checks and completion know about a file: the REST API table, the engine of
 * its connection, its variables, the connection's indices and the mappings of the indices its
 * requests name. Nothing is fetched per keystroke: each index list, engine and mapping is read
 * once (the mapping through the editors' own cache) and `onDidChange` tells when one arrived.
 */
export class ConsoleKnowledge extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly engines = new Map<string, 'elasticsearch' | 'opensearch'>();
  /** `Elasticsearch 8.19.0`, once `GET /` answered. */
  private readonly versions = new Map<string, string>();
  private readonly indices = new Map<string, Promise<string[]>>();
  private readonly asked = new Set<string>();
  private table: ApiTable | undefined;

  constructor(
    private readonly tableFile: ApiTableFile,
    private readonly bindings: ConsoleBindings,
    private readonly gateways: GatewayPool,
    private readonly mappings: MappingCache,
    private readonly variables: () => Readonly<Record<string, string>>,
  ) {
    super();
    this.register(mappings.onDidChange(() => this.changed.fire()));
  }

  /** The table, read on first use; undefined until it is (a change follows). */
  tableNow(): ApiTable | undefined {
    if (this.table === undefined) void this.loadTable();
    return this.table;
  }

  async loadTable(): Promise<ApiTable> {
    if (this.table) return this.table;
    this.table = await this.tableFile.get();
    this.changed.fire();
    return this.table;
  }

  /** What the checks need now, without waiting: what is not known yet is asked for and left out. */
  sourcesNow(document: vscode.TextDocument, file: ConsoleFile = parseConsole(document.getText())): CompletionSources | undefined {
    const table = this.tableNow();
    if (table === undefined) return undefined;
    const binding = this.bindings.of(document);
    const connectionId = binding.kind === 'bound' ? binding.connection.id : undefined;
    const engine = connectionId === undefined ? undefined : this.engineOf(connectionId);
    return {
      table,
      variable: fileVariables(file, this.variables()),
      ...(engine ? { engine } : {}),
      ...(connectionId === undefined ? {} : { fields: (index: string) => this.fieldsOf(connectionId, index) }),
    };
  }

  /** Like `sourcesNow`, with the connection's index names (read once per connection). */
  async sources(document: vscode.TextDocument): Promise<CompletionSources> {
    await this.loadTable();
    const file = parseConsole(document.getText());
    const now = this.sourcesNow(document, file)!;
    const binding = this.bindings.of(document);
    if (binding.kind !== 'bound') return now;
    const connectionId = binding.connection.id;
    // The mappings of the indices the file's requests name, so that their fields complete the first time.
    const named = new Set(file.requests.map((request) => this.indexNamed(document.getText(), request, now)).filter((index): index is string => index !== undefined));
    const [indices] = await Promise.all([this.indexNames(connectionId).catch(() => [] as string[]), ...[...named].map((index) => this.mappings.get({ connectionId, index }))]);
    return { ...now, indices };
  }

  /** The engine and version behind a connection, when known (asked for otherwise). */
  versionOf(connectionId: string): string | undefined {
    this.engineOf(connectionId);
    return this.versions.get(connectionId);
  }

  /** Forgets what was read of a connection (Refresh). */
  invalidate(connectionId?: string): void {
    for (const key of [...this.indices.keys()]) if (connectionId === undefined || key === connectionId) this.indices.delete(key);
    for (const map of [this.engines, this.versions]) {
      if (connectionId === undefined) map.clear();
      else map.delete(connectionId);
    }
    this.asked.clear();
    this.changed.fire();
  }

  private indexNamed(text: string, request: ConsoleRequest, sources: CompletionSources): string | undefined {
    const { resolution } = analyzeRequest(text, request, sources);
    return resolution.kind === 'found' ? singleIndex(resolution.match.parts) : undefined;
  }

  private engineOf(connectionId: string): 'elasticsearch' | 'opensearch' | undefined {
    const known = this.engines.get(connectionId);
    if (known || this.asked.has(`engine:${connectionId}`)) return known;
    this.asked.add(`engine:${connectionId}`);
    void this.gateways
      .get(connectionId)
      .cluster()
      .then((identity) => {
        this.engines.set(connectionId, identity.engine);
        this.versions.set(connectionId, `${identity.engine === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} ${identity.version}`);
        this.changed.fire();
      }, () => undefined);
    return undefined;
  }

  private fieldsOf(connectionId: string, index: string): ReadonlyMap<string, string> | undefined {
    const address = { connectionId, index };
    const known = this.mappings.peek(address);
    if (known) return queryableFields(known.model);
    const key = `mapping:${connectionId}/${index}`;
    if (!this.asked.has(key)) {
      this.asked.add(key);
      void this.mappings.get(address).then((mapping) => mapping && this.changed.fire());
    }
    return undefined;
  }

  private indexNames(connectionId: string): Promise<string[]> {
    let names = this.indices.get(connectionId);
    if (names === undefined) {
      const gateway = this.gateways.get(connectionId);
      names = Promise.all([listIndices(gateway, false), listAliases(gateway, false).catch(() => []), listDataStreams(gateway).catch(() => [])]).then(([indices, aliases, streams]) =>
        [...new Set([...indices.map((index) => index.name), ...aliases.map((alias) => alias.name), ...streams.map((stream) => stream.name)])].sort(),
      );
      names.catch(() => this.indices.delete(connectionId));
      this.indices.set(connectionId, names);
    }
    return names;
  }
}
