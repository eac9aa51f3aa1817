// The SQL a request sends, as the product's own Kysely queries compile it: B3's database floor replays exactly these
// statements through the same driver, so that the floor is the product's queries without the product around them.
import { CompiledQuery, type Kysely, type KyselyPlugin } from 'kysely';
import type { DB } from '../server/src/core/db-types.ts';

export type Statement = { sql: string; parameters: readonly unknown[] };

/**
 * `db` with a plugin that, while `record` runs, compiles every query it is given (after the product's own plugins,
 * so the text is what the driver receives) into `statements`. Transaction control (BEGIN/COMMIT) is not a Kysely
 * query and is not recorded.
 */
export function sqlRecorder(db: Kysely<DB>) {
  let statements: Statement[] | null = null;
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (statements) {
        const compiled = executor.compileQuery(node, queryId);
        statements.push({ sql: compiled.sql, parameters: [...compiled.parameters] });
      }
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return {
    db: db.withPlugin(plugin),
    /** The statements sent while `fn` ran. */
    async record(fn: () => Promise<void>): Promise<Statement[]> {
      statements = [];
      try {
        await fn();
        return statements;
      } finally {
        statements = null;
      }
    },
  };
}

/** Runs `statement` through `db`'s driver, with each parameter equal to a key of `replace` swapped for its value. */
export function replay(
  db: Kysely<DB>,
  statement: Statement,
  replace: ReadonlyMap<unknown, unknown> = new Map(),
) {
  const parameters = replace.size
    ? statement.parameters.map((p) => (replace.has(p) ? replace.get(p) : p))
    : statement.parameters;
  return db.executeQuery(CompiledQuery.raw(statement.sql, [...parameters]));
}
