import { describe, expect, it } from 'vitest';
import { createWriteGate } from './write-gate.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('write gate', () => {
  it('lets writes in side by side while no publisher holds it', async () => {
    const gate = createWriteGate();
    const a = await gate.enter();
    const b = await gate.enter();
    expect(gate.state()).toEqual({ writes: 2, publishers: 0 });
    a();
    b();
    expect(gate.state()).toEqual({ writes: 0, publishers: 0 });
  });

  it('starts a publisher only after the writes inside have left, and lets no write in until it ends', async () => {
    const gate = createWriteGate();
    const events: string[] = [];
    const leaveFirst = await gate.enter();
    let finishPublisher = () => {};
    const publishing = gate.exclusive(async () => {
      events.push('publish start');
      await new Promise<void>((r) => {
        finishPublisher = r;
      });
      events.push('publish end');
    });
    // A write arriving while the publisher waits is held back too (the publisher is not starved).
    const second = gate.enter().then((leave) => {
      events.push('second write in');
      return leave;
    });
    await tick();
    expect(events).toEqual([]);
    leaveFirst();
    await tick();
    expect(events).toEqual(['publish start']);
    await tick();
    expect(events).toEqual(['publish start']);
    finishPublisher();
    await publishing;
    (await second)();
    expect(events).toEqual(['publish start', 'publish end', 'second write in']);
    expect(gate.state()).toEqual({ writes: 0, publishers: 0 });
  });

  it('runs publishers one at a time', async () => {
    const gate = createWriteGate();
    let inside = 0;
    let most = 0;
    const publish = () =>
      gate.exclusive(async () => {
        inside++;
        most = Math.max(most, inside);
        await tick();
        await tick();
        inside--;
      });
    await Promise.all([publish(), publish(), publish()]);
    expect(most).toBe(1);
  });

  it('opens again after a publisher fails, and leaving twice counts once', async () => {
    const gate = createWriteGate();
    await expect(
      gate.exclusive(async () => {
        throw new Error('broken chunk');
      }),
    ).rejects.toThrow('broken chunk');
    const leave = await gate.enter();
    const other = await gate.enter();
    leave();
    leave();
    expect(gate.state()).toEqual({ writes: 1, publishers: 0 });
    other();
    expect(gate.state()).toEqual({ writes: 0, publishers: 0 });
  });
});
