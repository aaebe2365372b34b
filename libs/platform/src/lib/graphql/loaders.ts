import DataLoader from 'dataloader';

/**
 * One DataLoader per request and per key, kept on the request object, so relations resolved per row are
 * batched into one query (architecture §6) and never cached across users.
 */
export function requestLoader<K, V>(req: object, key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  const holder = req as { __loaders?: Map<string, DataLoader<unknown, unknown>> };
  holder.__loaders ??= new Map();
  let loader = holder.__loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
    holder.__loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
