import type { Command } from 'commander';

/** import / export / demo: registered here once the org and member modules provide them. */
export function registerDataCommands(_program: Command) {}
