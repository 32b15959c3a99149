/**
 * A bounded least-recently-used map from the exact text given to remark to what it parsed to.
 * Keys are copied on insertion: a key sliced from a large note would otherwise keep that whole
 * version of the note alive for as long as the entry lives.
 */
export class BlockCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Re-insert to mark as most recently used (Map iterates in insertion order).
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(detach(key), value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** A copy of `s` that shares no storage with the string it was sliced from. */
function detach(s: string): string {
  // Concatenation makes a rope; slicing it flattens the rope into fresh storage first.
  return (' ' + s).slice(1);
}
