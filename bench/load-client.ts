// The child process of openLoadClient (load.ts): runs each LoadSpec it receives with autocannon and sends back a
// LoadResult; exits when its parent disconnects.
import autocannon from 'autocannon';
import { benchIdNumber, type LoadResult, type LoadSpec } from './load.ts';

async function run(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  let nextId = spec.body?.firstId ?? 0;
  const body = spec.body;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: spec.method,
        headers: { ...spec.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        setupRequest: (request) => {
          request.path = spec.paths[next++ % spec.paths.length] as string;
          if (body) {
            const json = body.uniqueIdNumber
              ? { ...body.json, [body.uniqueIdNumber]: benchIdNumber(nextId++) }
              : body.json;
            request.body = JSON.stringify(json);
          }
          return request;
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = count;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

process.on('message', (spec) => {
  run(spec as LoadSpec).then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
