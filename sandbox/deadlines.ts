/**
 * Records waiting for a time-based transition, earliest deadline first (a binary heap), so each
 * request visits only what is due instead of every stored object. An entry is a hint: the caller
 * checks, when it comes due, that the record still waits and for which deadline.
 */
interface Entry<T> {
  at: number;
  record: T;
}

export class DeadlineQueue<T> {
  private heap: Array<Entry<T>> = [];

  get size(): number {
    return this.heap.length;
  }

  add(at: number, record: T): void {
    const heap = this.heap;
    heap.push({ at, record });
    for (let child = heap.length - 1; child > 0; ) {
      const parent = (child - 1) >> 1;
      if ((heap[parent] as Entry<T>).at <= at) break;
      [heap[parent], heap[child]] = [heap[child] as Entry<T>, heap[parent] as Entry<T>];
      child = parent;
    }
  }

  /** Drops the entries of records `keep` refuses; sorted by deadline, what is left is still a heap. */
  retain(keep: (record: T) => boolean): void {
    this.heap = this.heap.filter((entry) => keep(entry.record)).sort((a, b) => a.at - b.at);
  }

  /** Takes out every record whose deadline is `now` or earlier. */
  takeDue(now: number): T[] {
    const due: T[] = [];
    while (this.heap.length > 0 && (this.heap[0] as Entry<T>).at <= now) due.push(this.pop());
    return due;
  }

  private pop(): T {
    const heap = this.heap;
    const top = heap[0] as Entry<T>;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      heap[0] = last;
      for (let parent = 0; ; ) {
        const left = 2 * parent + 1;
        const right = left + 1;
        let smallest = parent;
        if (left < heap.length && (heap[left] as Entry<T>).at < (heap[smallest] as Entry<T>).at) smallest = left;
        if (right < heap.length && (heap[right] as Entry<T>).at < (heap[smallest] as Entry<T>).at) smallest = right;
        if (smallest === parent) break;
        [heap[parent], heap[smallest]] = [heap[smallest] as Entry<T>, heap[parent] as Entry<T>];
        parent = smallest;
      }
    }
    return top.record;
  }
}
