// How Elasticsearch 7 and OpenSearch (which kept 7's code) word the refusal of a document they cannot
// parse or map, where Elasticsearch 8 differs: no "[line:column]" before the reason, the parser's own
// exception as the cause (no x_content_parse_exception around it). Where the parser's location names
// its source: Elasticsearch 7 names the stream, OpenSearch's newer Jackson leaves the source out, and
// OpenSearch 3's Jackson goes further: a byte offset instead of line and column, the type and its
// range in a range error, and the parser's exception nested once more as its own cause.
import { EsError } from '../errors';

const POSITION_PREFIX = /^\[\d+:\d+\] /;
const JACKSON_SOURCE = /\n at \[Source: \(byte\[\]\)".*"(?:\[truncated \d+ bytes\])?; line: (\d+), column: (\d+)\]$/s;

/** Whose words: Elasticsearch 7's, OpenSearch 1's (its source still shown), 2's, 3's. */
export type Es7Lineage = 'elasticsearch7' | 'opensearch1' | 'opensearch' | 'opensearch3';

const REDACTED = '\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ';
const JAVA_RANGES: Record<string, string> = { long: '(-9223372036854775808 - 9223372036854775807)', int: '(-2147483648 - 2147483647)', short: '(-32768 - 32767)', byte: '(-128 - 127)' };

function withRedactedSource(message: string, lineage: Es7Lineage): string {
  if (lineage === 'opensearch1') return message;
  if (lineage === 'elasticsearch7') return message.replace(JACKSON_SOURCE, '\n at [Source: (ByteArrayInputStream); line: $1, column: $2]');
  if (lineage === 'opensearch') return message.replace(JACKSON_SOURCE, `${REDACTED}line: $1, column: $2]`);
  const shown = /\n at \[Source: \(byte\[\]\)"(.*)"(?:\[truncated \d+ bytes\])?; line: (\d+), column: (\d+)\]$/s.exec(message);
  if (!shown) return message;
  // The byte offset of the place the old text gave as line and column (both counted from 1, the column in bytes).
  const lines = shown[1]!.split('\n');
  const line = Number(shown[2]);
  const offset = lines.slice(0, line - 1).reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8') + 1, 0) + Number(shown[3]) - 1;
  const worded = message
    .replace(/out of range of (long|int) \(-?\d+ - \d+\)/, (_, type: string) => `out of range of \`${type}\` ${JAVA_RANGES[type]}`)
    .replace(/out of range of Java (short|byte)/, (_, type: string) => `out of range of \`${type}\` ${JAVA_RANGES[type]}`);
  return worded.replace(JACKSON_SOURCE, `${REDACTED}byte offset: #${offset}]`);
}

/** The parser's exception as OpenSearch 3 reports it: nested once more, a parse error as a stream read error. */
function nestedAgain(error: EsError): EsError {
  const inner = new EsError(error.status, error.type === 'json_parse_exception' ? 'stream_read_exception' : error.type, error.reason);
  return new EsError(error.status, error.type, error.reason, error.metadata, inner, error.outerIsRoot);
}

const OBJECT_FOR_TEXT = /^Expected text at (\d+:\d+) but found START_OBJECT$/;

function lineageCause(cause: EsError | undefined, lineage: Es7Lineage): EsError | undefined {
  if (!cause) return undefined;
  // An object where text is mapped: the older parser says it its older way.
  const objectForText = OBJECT_FOR_TEXT.exec(cause.reason);
  if (objectForText) return new EsError(cause.status, 'illegal_state_exception', `Can't get text on a START_OBJECT at ${objectForText[1]}`);
  // Elasticsearch wraps the parser's exception; OpenSearch reports it directly.
  const parserError = cause.type === 'x_content_parse_exception' && cause.causedBy ? cause.causedBy : cause;
  const reported = new EsError(parserError.status, parserError.type, withRedactedSource(parserError.reason, lineage), parserError.metadata, lineageCause(parserError.causedBy, lineage));
  return lineage === 'opensearch3' && reported.causedBy === undefined && JACKSON_EXCEPTIONS.has(reported.type) ? nestedAgain(reported) : reported;
}

const JACKSON_EXCEPTIONS = new Set(['input_coercion_exception', 'json_parse_exception']);

/** A mapper_parsing_exception (or any other error of indexing a source) as Elasticsearch 7 or OpenSearch renders it. */
export function asEs7ParsingError(e: EsError, lineage: Es7Lineage): EsError {
  if (e.type === 'mapper_parsing_exception' && e.causedBy?.type === 'x_content_parse_exception' && e.causedBy.causedBy?.type === 'json_parse_exception') {
    // Invalid JSON: "failed to parse", caused by the JSON parser's error itself.
    const parser = e.causedBy.causedBy;
    const cause = lineage === 'opensearch3' ? nestedAgain(new EsError(parser.status, parser.type, withRedactedSource(parser.reason, lineage), parser.metadata)) : parser;
    return new EsError(400, e.type, 'failed to parse', e.metadata, cause, true);
  }
  if (e.type !== 'mapper_parsing_exception' && e.type !== 'strict_dynamic_mapping_exception') return e;
  return new EsError(e.status, e.type, e.reason.replace(POSITION_PREFIX, ''), e.metadata, lineageCause(e.causedBy, lineage), e.outerIsRoot);
}
