import { Client } from '@elastic/elasticsearch';

/**
 * What the tools people use instead do with a document, over the same official client the
 * extension uses (as Kibana's server and the GUIs built on the client do): the answer parsed with
 * `JSON.parse` and shown with `JSON.stringify(value, null, 2)`; a save parses the editor's text and
 * sends `JSON.stringify` of it. Both lose integers beyond 2^53 and `1.0`; the extension keeps them.
 * Same transport on both sides, so the difference measured is the work each does.
 */
export class PeerTool {
  private readonly client: Client;

  constructor(url: string) {
    this.client = new Client({ node: url, maxRetries: 0, requestTimeout: 120_000 });
  }

  async open(path: string): Promise<string> {
    const answer = (await this.client.transport.request({ method: 'GET', path }, { headers: PLAIN_JSON })) as { _source: unknown };
    return JSON.stringify(answer._source, null, 2);
  }

  /** A conditional PUT of the text as the peer sends it; returns the new `_seq_no` and `_primary_term`. */
  async save(path: string, editorText: string, token: { seqNo: number; primaryTerm: number }): Promise<{ seqNo: number; primaryTerm: number }> {
    const body = JSON.stringify(JSON.parse(editorText));
    const querystring = { if_seq_no: token.seqNo, if_primary_term: token.primaryTerm };
    const answer = (await this.client.transport.request({ method: 'PUT', path, querystring, body }, { headers: PLAIN_JSON })) as Record<string, unknown>;
    return { seqNo: Number(answer._seq_no), primaryTerm: Number(answer._primary_term) };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

// The extension sends plain JSON too (understood by every major); the client's versioned media type is not.
const PLAIN_JSON = { 'content-type': 'application/json', accept: 'application/json' };
