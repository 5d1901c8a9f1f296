import { describe, expect, it } from 'vitest';
import { ProbeScheduler, RwLock, Semaphore } from '../../../src/check/schedule.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('schedule', () => {
  it('a semaphore lets `limit` through at once', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await s.acquire();
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
        release();
        release(); // twice is harmless
      }),
    );
    expect(most).toBe(2);
  });

  it('readers share, a writer waits for them and is alone, in arrival order', async () => {
    const l = new RwLock();
    const log: string[] = [];
    const hold = async (name: string, write: boolean, ms: number) => {
      const release = await l.acquire(write);
      log.push(`+${name}`);
      await sleep(ms);
      log.push(`-${name}`);
      release();
    };
    await Promise.all([hold('r1', false, 10), hold('r2', false, 10), hold('w', true, 5), hold('r3', false, 1)]);
    expect(log.slice(0, 2).sort()).toEqual(['+r1', '+r2']);
    const w = log.indexOf('+w');
    expect(log.indexOf('-r1')).toBeLessThan(w);
    expect(log.indexOf('-r2')).toBeLessThan(w);
    expect(log[w + 1]).toBe('-w');
    expect(log.indexOf('+r3')).toBeGreaterThan(w);
  });

  it('releases its locks when a probe throws', async () => {
    const s = new ProbeScheduler(1);
    await expect(s.run({ internet: 'exclusive', server: 'c1:80' }, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(s.run({ internet: 'exclusive', server: 'c1:80' }, async () => 'ok')).resolves.toBe('ok');
  });
});
