import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../test-support/fake-connection';
import { onReconnect } from './on-reconnect';

describe('onReconnect', () => {
  it('reloads once per reconnect, not on other state changes, and stops when unsubscribed', () => {
    const connection = new FakeConnection();
    let reloads = 0;
    const unsubscribe = onReconnect(connection, () => reloads++);
    connection.set({ failures: 2 });
    expect(reloads).toBe(0);
    connection.reconnect();
    expect(reloads).toBe(1);
    connection.reconnect();
    expect(reloads).toBe(2);
    unsubscribe();
    connection.reconnect();
    expect(reloads).toBe(2);
    expect(connection.listenerCount()).toBe(0);
  });
});
