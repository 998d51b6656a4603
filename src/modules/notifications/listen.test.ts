// The LISTEN connection of the notifications worker across database cuts, against a pool that fails the way pg does:
// a cut while LISTEN is in flight both rejects the query and emits 'error' on the connection. However the failures
// come, the worker holds at most one connection at a time and gives every one back, so the pool's end() (the
// process's stop) never waits for a connection nobody will return.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { listenForOutbox, OUTBOX_CHANNEL } from './notifications.worker.js';

type Behaviour = 'cut-during-listen' | 'refused' | 'works';

class FakeConnection extends EventEmitter {
  released = false;
  destroyed = false;
  constructor(private readonly behaviour: Behaviour) { super(); }
  query(text: string): Promise<void> {
    if (this.behaviour === 'cut-during-listen' && text.startsWith('LISTEN')) {
      const error = new Error('Connection terminated unexpectedly');
      this.emit('error', error); // what pg does on a dropped socket: 'error' and the query rejected, both
      return Promise.reject(error);
    }
    return Promise.resolve();
  }
  release(destroy?: boolean): void {
    if (this.released) throw new Error('Release called on client which has already been released to the pool.');
    this.released = true;
    this.destroyed = destroy === true;
  }
}

/** A pool whose connections behave as `plan` says, one behaviour per connect (the last repeats). */
function fakePool(plan: Behaviour[]) {
  const handed: FakeConnection[] = [];
  const pool = {
    connect: async () => {
      const behaviour = plan[Math.min(handed.length, plan.length - 1)]!;
      if (behaviour === 'refused') {
        handed.push(Object.assign(new FakeConnection(behaviour), { released: true })); // counted, never handed out
        throw new Error('connect ECONNREFUSED');
      }
      const connection = new FakeConnection(behaviour);
      handed.push(connection);
      return connection;
    },
  };
  const handle = { kind: 'postgres', db: { $client: pool } } as unknown as DatabaseHandle;
  const held = () => handed.filter((c) => !c.released);
  return { handle, handed, held };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('the outbox LISTEN connection across cuts', () => {
  it('reconnects once after a cut during LISTEN, and gives every connection back on stop', async () => {
    const { handle, handed, held } = fakePool(['cut-during-listen', 'works']);
    const stop = await listenForOutbox(handle, () => undefined);
    expect(handed[0]!.destroyed).toBe(true); // the broken one went back destroyed

    // Both the 'error' and the rejected LISTEN asked for a reconnect; only one may happen.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(handed).toHaveLength(2);
    expect(held()).toHaveLength(1);

    await stop();
    expect(held()).toHaveLength(0);
  });

  it('keeps one connection through repeated cuts and refusals', async () => {
    const { handle, handed, held } = fakePool(['cut-during-listen', 'refused', 'cut-during-listen', 'refused', 'works']);
    const stop = await listenForOutbox(handle, () => undefined);
    for (let second = 0; second < 60; second++) {
      await vi.advanceTimersByTimeAsync(1_000);
      expect(held().length).toBeLessThanOrEqual(1);
    }
    expect(handed).toHaveLength(5);
    expect(held()).toHaveLength(1);

    // A cut of the listening connection itself (no query in flight) is replaced too.
    held()[0]!.emit('error', new Error('Connection terminated unexpectedly'));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(handed).toHaveLength(6);
    expect(held()).toHaveLength(1);

    await stop();
    expect(held()).toHaveLength(0);
  });

  it('wakes on a notification of its channel only', async () => {
    const { handle, held } = fakePool(['works']);
    let wakes = 0;
    const stop = await listenForOutbox(handle, () => { wakes++; });
    held()[0]!.emit('notification', { channel: 'something_else' });
    held()[0]!.emit('notification', { channel: OUTBOX_CHANNEL });
    expect(wakes).toBe(1);
    await stop();
  });

  it('does not reconnect after stop, even with a reconnect waiting', async () => {
    const { handle, handed, held } = fakePool(['cut-during-listen', 'works']);
    const stop = await listenForOutbox(handle, () => undefined);
    await stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(handed).toHaveLength(1);
    expect(held()).toHaveLength(0);
  });
});
