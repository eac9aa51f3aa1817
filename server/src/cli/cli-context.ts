import pino from 'pino';
import type { Actor, Ctx } from '../core/context.ts';
import { CONSOLE_ACTOR_ID } from '../modules/identity/index.ts';
import type { Runtime } from '../server.ts';

/**
 * The operator at the console acts with the whole tree in scope (the root path '/', a prefix of every path; a
 * missing path would reach nothing); what they do is audited as 'cli:<os user>'. Its id marks it as the console, the
 * one place that manages administrator accounts.
 */
export function cliActor(): Actor {
  const osUser = process.env.USER ?? process.env.LOGNAME ?? 'operator';
  return {
    userId: CONSOLE_ACTOR_ID,
    username: `cli:${osUser}`,
    displayName: `命令行 (${osUser})`,
    mustChangePassword: false,
    memberId: null,
    assignments: [{ role: 'work_committee_officer', partyOrgId: null, path: '/' }],
  };
}

export function cliCtx(runtime: Runtime): Ctx {
  return {
    db: runtime.database.db,
    actor: cliActor(),
    ip: 'cli',
    log: pino({ level: 'warn' }),
    secrets: runtime.secrets,
  };
}
