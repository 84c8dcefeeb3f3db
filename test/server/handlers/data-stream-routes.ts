// Composable index templates and data streams (writes go to the newest backing index, op_type=create only).
import type { Router } from '../http/router';
import type { ServerContext } from './context';
import type { IndexTemplate } from '../engine/cluster';
import { globToRegex } from '../engine/cluster';
import { jsonBody } from './common';
import { EsError } from '../errors';

export function registerDataStreamRoutes(router: Router, ctx: ServerContext): void {
  const cluster = ctx.cluster;
  const os = ctx.dialect.opensearch;
  router.add('indices.put_index_template', ['PUT', 'POST'], '/_index_template/{name}', 'required', (req) => {
    const body = jsonBody(req, true)!;
    const patterns = body.index_patterns;
    if (patterns === undefined) throw new EsError(400, 'action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
    const tpl: IndexTemplate = {
      index_patterns: Array.isArray(patterns) ? patterns.map(String) : [String(patterns)],
      data_stream: body.data_stream as Record<string, unknown> | undefined,
      template: body.template as IndexTemplate['template'],
      priority: body.priority as number | undefined,
    };
    cluster.templates.set(req.pathParams.name!, tpl);
    return { status: 200, body: { acknowledged: true } };
  });
  router.add('indices.get_index_template', ['GET'], '/_index_template/{name}', 'none', (req) => {
    const re = globToRegex(req.pathParams.name!);
    const list = [...cluster.templates].filter(([n]) => re.test(n)).map(([name, index_template]) => ({ name, index_template }));
    if (!list.length) throw new EsError(404, 'resource_not_found_exception', `index template matching [${req.pathParams.name}] not found`);
    return { status: 200, body: { index_templates: list } };
  });
  router.add('indices.delete_index_template', ['DELETE'], '/_index_template/{name}', 'none', (req) => {
    if (!cluster.templates.delete(req.pathParams.name!)) throw new EsError(404, 'resource_not_found_exception', `index_template [${req.pathParams.name}] missing`);
    return { status: 200, body: { acknowledged: true } };
  });

  router.add('indices.create_data_stream', ['PUT'], '/_data_stream/{name}', 'none', (req) => {
    cluster.createDataStream(req.pathParams.name!);
    return { status: 200, body: { acknowledged: true } };
  });
  const getDs = (name?: string) => {
    const re = globToRegex(name ?? '*');
    const list = [...cluster.dataStreams.values()].filter((d) => re.test(d.name));
    if (name && !name.includes('*') && list.length === 0) throw cluster.notFound(name);
    return {
      status: 200,
      body: {
        data_streams: list.map((d) => ({
          name: d.name,
          timestamp_field: { name: '@timestamp' },
          indices: d.indices.map((n) => ({ index_name: n, index_uuid: cluster.indices.get(n)?.uuid })),
          generation: d.generation,
          status: 'GREEN',
          template: d.template,
          ...(os ? {} : { hidden: false, system: false }),
        })),
      },
    };
  };
  router.add('indices.get_data_stream', ['GET'], '/_data_stream', 'none', () => getDs());
  router.add('indices.get_data_stream', ['GET'], '/_data_stream/{name}', 'none', (req) => getDs(req.pathParams.name));
  router.add('indices.delete_data_stream', ['DELETE'], '/_data_stream/{name}', 'none', (req) => {
    const re = globToRegex(req.pathParams.name!);
    const hits = [...cluster.dataStreams.values()].filter((d) => re.test(d.name));
    if (!hits.length) {
      if (req.pathParams.name!.includes('*')) return { status: 200, body: { acknowledged: true } };
      throw cluster.notFound(req.pathParams.name!);
    }
    for (const d of hits) {
      for (const n of d.indices) {
        const ix = cluster.indices.get(n);
        if (ix) cluster.deleteIndex(ix);
      }
      cluster.dataStreams.delete(d.name);
    }
    return { status: 200, body: { acknowledged: true } };
  });
}
