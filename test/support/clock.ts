/**
 * Time passing in a test: the database's clock is moved by updating its rows, and this moves the
 * process's Date by as much, so what the BFF holds in memory ages as it would have.
 */
import { vi } from 'vitest';

export async function afterWaiting<T>(ms: number, then: () => T | Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + ms);
  try {
    return await then();
  } finally {
    vi.useRealTimers();
  }
}
