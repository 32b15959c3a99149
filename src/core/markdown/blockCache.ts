import { detach } from '../text/strings';

/**
 * A bounded map from the exact text of a block (or the text given to remark) to what is known about
 * it. When it grows past its capacity it drops the entries used least recently, in one batch, so a
 * lookup costs one hash probe and no reordering.
 *
 * Keys are copied on insertion: a key sliced from a large note would otherwise keep that whole
 * version of the note alive for as long as the entry lives.
 */
export class BlockCache<V> {
  private readonly entries = new Map<string, { value: V; used: number }>();
  private clock = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    const existing = this.entries.get(key);
    if (existing) {
      existing.value = value;
      existing.used = ++this.clock;
      return;
    }
    this.entries.set(detach(key), { value, used: ++this.clock });
    // Evict down to 90% of capacity at once, so eviction is rare and its sort amortised.
    if (this.entries.size > this.capacity) this.evict(Math.floor(this.capacity * 0.9));
  }

  private evict(keep: number): void {
    const uses: number[] = [];
    for (const entry of this.entries.values()) uses.push(entry.used);
    uses.sort((a, b) => b - a);
    const threshold = uses[Math.max(0, keep - 1)];
    for (const [key, entry] of this.entries) if (entry.used < threshold) this.entries.delete(key);
  }
}
