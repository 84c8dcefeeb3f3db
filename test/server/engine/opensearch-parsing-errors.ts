// How OpenSearch words the refusal of a document it cannot parse or map, where Elasticsearch 8 differs:
// no "[line:column]" before the reason, the parser's own exception as the cause (no
// x_content_parse_exception around it), and Jackson's newer location text, which leaves the source out.
import { EsError } from '../errors';

const POSITION_PREFIX = /^\[\d+:\d+\] /;
const JACKSON_SOURCE = /\n at \[Source: \(byte\[\]\)".*"(?:\[truncated \d+ bytes\])?; line: (\d+), column: (\d+)\]$/s;

function withRedactedSource(message: string): string {
  return message.replace(JACKSON_SOURCE, '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: $1, column: $2]');
}

const OBJECT_FOR_TEXT = /^Expected text at (\d+:\d+) but found START_OBJECT$/;

function openSearchCause(cause: EsError | undefined): EsError | undefined {
  if (!cause) return undefined;
  // An object where text is mapped: OpenSearch's parser still says it its older way.
  const objectForText = OBJECT_FOR_TEXT.exec(cause.reason);
  if (objectForText) return new EsError(cause.status, 'illegal_state_exception', `Can't get text on a START_OBJECT at ${objectForText[1]}`);
  // Elasticsearch wraps the parser's exception; OpenSearch reports it directly.
  const parserError = cause.type === 'x_content_parse_exception' && cause.causedBy ? cause.causedBy : cause;
  return new EsError(parserError.status, parserError.type, withRedactedSource(parserError.reason), parserError.metadata, openSearchCause(parserError.causedBy));
}

/** A mapper_parsing_exception (or any other error of indexing a source) as OpenSearch renders it. */
export function asOpenSearchParsingError(e: EsError): EsError {
  if (e.type === 'mapper_parsing_exception' && e.causedBy?.type === 'x_content_parse_exception' && e.causedBy.causedBy?.type === 'json_parse_exception') {
    // Invalid JSON: "failed to parse", caused by the JSON parser's error itself.
    return new EsError(400, e.type, 'failed to parse', e.metadata, e.causedBy.causedBy, true);
  }
  if (e.type !== 'mapper_parsing_exception' && e.type !== 'strict_dynamic_mapping_exception') return e;
  return new EsError(e.status, e.type, e.reason.replace(POSITION_PREFIX, ''), e.metadata, openSearchCause(e.causedBy), e.outerIsRoot);
}
