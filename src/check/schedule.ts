// Running probes concurrently where that is safe:
//  - a source-seen probe reads what the internet saw, so nothing else that may
//    reach the internet runs meanwhile (an exclusive hold on `internet`);
//  - two probes with a test server at the same place and port take turns;
//  - at most `limit` probes run at once.
// Locks are always taken in that order, so waiting cannot deadlock.

type Release = () => void;

/** First come, first served; readers share, a writer is alone. */
export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Array<{ write: boolean; wake: () => void }> = [];

  acquire(write: boolean): Promise<Release> {
    return new Promise((resolve) => {
      this.queue.push({ write, wake: () => resolve(this.releaser(write)) });
      this.pump();
    });
  }

  private releaser(write: boolean): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (write) this.writer = false;
      else this.readers--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.write ? this.writer || this.readers > 0 : this.writer) return;
      this.queue.shift();
      if (next.write) this.writer = true;
      else this.readers++;
      next.wake();
    }
  }
}

export class Semaphore {
  private readonly waiting: Array<() => void> = [];
  constructor(private free: number) {}

  async acquire(): Promise<Release> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export interface ProbeNeeds {
  /** exclusive: a source-seen probe; shared: may reach the internet; none: stays in the lab's LANs. */
  internet: 'exclusive' | 'shared' | 'none';
  /** "place:port" of a test server, if any. */
  server?: string;
}

export class ProbeScheduler {
  private readonly internet = new RwLock();
  private readonly servers = new Map<string, RwLock>();
  private readonly slots: Semaphore;

  constructor(limit = 6) {
    this.slots = new Semaphore(limit);
  }

  async run<T>(needs: ProbeNeeds, body: () => Promise<T>): Promise<T> {
    const held: Release[] = [];
    try {
      if (needs.internet !== 'none') held.push(await this.internet.acquire(needs.internet === 'exclusive'));
      if (needs.server) {
        let lock = this.servers.get(needs.server);
        if (!lock) this.servers.set(needs.server, (lock = new RwLock()));
        held.push(await lock.acquire(true));
      }
      held.push(await this.slots.acquire());
      return await body();
    } finally {
      for (const release of held.reverse()) release();
    }
  }
}
