import type { FastifyInstance } from 'fastify';

// The embedded database has one session: a transaction holds it whole, and a statement runs on the server's own
// thread. A large import therefore publishes its committed rows in short chunks (ADR 19) rather than in one long
// transaction, so that reads go on between the chunks. Writes must not: a member created, edited or moved between
// two chunks could collide with a row still to come. The gate keeps them out: ordinary writes enter it shared, a
// publisher holds it alone, and while a publisher waits no new write enters (it is not starved). It lives in the one
// process that may open the embedded database (the data directory is locked); on a server the import is published in
// one transaction and no gate is needed.

export type WriteGate = {
  /** Waits until no publisher holds or awaits the gate; the returned function leaves it (calling it twice is harmless). */
  enter(): Promise<() => void>;
  /** Runs `fn` once every write inside has left, with no write let in until it ends. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Writes inside and publishers waiting or running, for tests and logs. */
  state(): { writes: number; publishers: number };
};

export function createWriteGate(): WriteGate {
  let writes = 0;
  let publishers = 0; // waiting or running
  let running = false;
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const w of waiting) w();
  };
  // The condition is checked and the state taken with no await between them, or two callers could both pass.
  const sleep = () => new Promise<void>((resolve) => wake.push(resolve));

  return {
    async enter() {
      while (publishers > 0) await sleep();
      writes++;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        writes--;
        notify();
      };
    },
    async exclusive(fn) {
      publishers++;
      try {
        while (writes > 0 || running) await sleep();
        running = true;
        try {
          return await fn();
        } finally {
          running = false;
        }
      } finally {
        publishers--;
        notify();
      }
    },
    state: () => ({ writes, publishers }),
  };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Makes every request that may write (any method but GET, HEAD and OPTIONS) enter the gate before its handler and
 * leave it when its response ends. A route that publishes through the gate itself says so (`config.publishes`),
 * or it would wait for itself.
 */
export function installWriteGate(app: FastifyInstance, gate: WriteGate | null): void {
  if (!gate) return;
  app.addHook('preHandler', async (request, reply) => {
    if (READS.has(request.method) || request.routeOptions.config.publishes) return;
    const leave = await gate.enter();
    reply.raw.once('close', leave);
    leaves.set(request, leave);
  });
  // The response's 'close' covers finished and aborted responses alike; onResponse is a second, cheap guarantee.
  app.addHook('onResponse', async (request) => {
    leaves.get(request)?.();
  });
}

const leaves = new WeakMap<object, () => void>();
