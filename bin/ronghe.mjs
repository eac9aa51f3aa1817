#!/usr/bin/env node
// `npx ronghe …`: the CLI is TypeScript run through tsx, so there is no separate build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
