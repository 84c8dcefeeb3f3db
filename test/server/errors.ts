// Elasticsearch's error envelope: {"error":{"root_cause":[...],"type","reason",...metadata,"caused_by"},"status"}.
// Metadata keys keep the order Elasticsearch renders them in, so callers pass them already ordered.

export type Metadata = Record<string, unknown>;

export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly metadata: Metadata = {},
    readonly causedBy?: EsError,
    /** Exceptions whose root cause Elasticsearch reports as the outer one (e.g. media type errors). */
    readonly outerIsRoot = false,
  ) {
    super(reason);
  }

  rootCause(): EsError {
    if (this.outerIsRoot || !this.causedBy) return this;
    return this.causedBy.rootCause();
  }

  /** The `error` object (without `status`), as in bulk items and mget docs. */
  toErrorObject(withRootCause = true): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (withRootCause) {
      // Root causes are rendered without their own causes, as Elasticsearch renders them.
      const root = this.rootCause().toErrorObject(false);
      delete root.caused_by;
      out.root_cause = [root];
    }
    out.type = this.type;
    out.reason = this.reason;
    Object.assign(out, this.metadata);
    if (this.causedBy) out.caused_by = this.causedBy.toErrorObject(false);
    return out;
  }

  toBody(): Record<string, unknown> {
    return { error: this.toErrorObject(), status: this.status };
  }
}

export const badRequest = (type: string, reason: string, metadata?: Metadata): EsError =>
  new EsError(400, type, reason, metadata);

export const illegalArgument = (reason: string): EsError => badRequest('illegal_argument_exception', reason);

export function validationFailed(messages: string[]): EsError {
  const reason = 'Validation Failed: ' + messages.map((m, i) => `${i + 1}: ${m};`).join('');
  return badRequest('action_request_validation_exception', reason);
}

export function indexNotFound(name: string, legacyResourceType = false): EsError {
  return new EsError(404, 'index_not_found_exception', `no such index [${name}]`, {
    'resource.type': legacyResourceType ? 'index_expression' : 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });
}

export function versionConflict(id: string, explanation: string, index: string, uuid: string, shard: number): EsError {
  return new EsError(409, 'version_conflict_engine_exception', `[${id}]: version conflict, ${explanation}`, {
    index_uuid: uuid,
    shard: String(shard),
    index,
  });
}

export function parseError(reason: string): EsError {
  return badRequest('parse_exception', reason);
}

export function xContentParseError(reason: string, cause?: EsError): EsError {
  return new EsError(400, 'x_content_parse_exception', reason, {}, cause, true);
}
