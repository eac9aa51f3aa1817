// Checkpoints of the audit chain: the newest record's seq and hash at a moment, signed with the audit key and kept
// outside the server (a file the audit administrator files away). A later verification against a checkpoint proves
// that the record it names still exists with the same hash, so deleting the newest records is caught even by someone
// who can also rewrite audit_head.
import { canonicalJson, type Mac } from './audit.chain.ts';

export const CHECKPOINT_FORMAT = 'ronghe-audit-checkpoint';
const CHECKPOINT_VERSION = 1;

export type CheckpointBody = { createdAt: string; seq: number; hash: string; records: number };
export type Checkpoint = CheckpointBody & { format: typeof CHECKPOINT_FORMAT; version: number; mac: string };

export class CheckpointError extends Error {}

function macOf(mac: Mac, body: CheckpointBody): string {
  return mac(`ronghe audit checkpoint v1\n${canonicalJson(body)}`);
}

export function signCheckpoint(mac: Mac, body: CheckpointBody): Checkpoint {
  return { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, ...body, mac: macOf(mac, body) };
}

/** Parses a checkpoint file's text; refuses anything malformed or not signed with this system's audit key. */
export function readCheckpoint(mac: Mac, text: string): Checkpoint {
  let value: Partial<Checkpoint>;
  try {
    value = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new CheckpointError('不是有效的审计检查点文件 (not an audit checkpoint file)');
  }
  const { createdAt, seq, hash, records } = value;
  if (
    value.format !== CHECKPOINT_FORMAT ||
    value.version !== CHECKPOINT_VERSION ||
    typeof createdAt !== 'string' ||
    typeof seq !== 'number' ||
    !Number.isInteger(seq) ||
    typeof hash !== 'string' ||
    typeof records !== 'number' ||
    typeof value.mac !== 'string'
  ) {
    throw new CheckpointError('不是有效的审计检查点文件 (not an audit checkpoint file)');
  }
  if (macOf(mac, { createdAt, seq, hash, records }) !== value.mac) {
    throw new CheckpointError(
      '检查点文件的签名不符：文件被改动，或不是用本系统的审计密钥签发的 (checkpoint signature does not match)',
    );
  }
  return value as Checkpoint;
}
