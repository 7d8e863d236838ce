// A counting semaphore: at most `size` holders at once, FIFO for the waiters.
export class Semaphore {
  private active = 0
  private readonly waiters: Array<() => void> = []

  constructor(readonly size: number) {}

  acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active++
      return Promise.resolve()
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  release(): void {
    const next = this.waiters.shift()
    if (next) next() // the slot passes straight to the next waiter
    else this.active--
  }

  async use<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await fn()
    } finally {
      this.release()
    }
  }
}
