/**
 * A Map that keeps at most `limit` entries, dropping the least recently set or read: a data set's
 * derived results (layouts for every setting tried, fits, neighbour graphs) would otherwise grow for
 * as long as the data set is open. What is dropped is computed again when asked for.
 */
export class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key)!;
    // Most recently used last.
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    while (this.size > this.limit) super.delete(this.keys().next().value as K);
    return this;
  }
}
