// POST /_query: the ES|QL subset of engine/esql.ts, answered in Elasticsearch's form.
import type { Router, EsResponse } from '../http/router';
import type { EsRequest } from '../http/es-request';
import type { ServerContext } from './context';
import { jsonBody } from './common';
import { addsDefaultLimit, runEsql } from '../engine/esql';
import { parseEsql } from '../engine/esql-parser';
import { EsError, illegalArgument } from '../errors';

const DEFAULT_LIMIT_WARNING = 'No limit defined, adding default limit of [1000]';

export function registerEsqlRoute(router: Router, ctx: ServerContext): void {
  const query = (req: EsRequest): EsResponse => {
    const started = Date.now();
    const body = jsonBody(req, true) ?? {};
    if (typeof body.query !== 'string') throw illegalArgument('[query] is required');
    // A query that parses gets the default limit's Warning, even when it then fails (as Elasticsearch answers).
    const parsed = parseEsql(body.query);
    const warnings = addsDefaultLimit(parsed) ? { warnings: [DEFAULT_LIMIT_WARNING] } : {};
    try {
      const answer = runEsql(ctx.cluster, parsed);
      const values = body.columnar === true ? answer.columns.map((_, i) => answer.values.map((row) => row[i])) : answer.values;
      return {
        status: 200,
        body: { documents_found: answer.documentsFound, values_loaded: answer.valuesLoaded, took: Date.now() - started, is_partial: false, columns: answer.columns, values },
        ...warnings,
      };
    } catch (error) {
      if (!(error instanceof EsError)) throw error;
      return { status: error.status, body: error.toBody(), ...warnings };
    }
  };
  router.add('esql.query', ['POST'], '/_query', 'required', query);
}
