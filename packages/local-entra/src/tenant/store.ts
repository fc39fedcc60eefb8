import * as path from 'node:path';
import { createIndexedCollection } from '../odata';
import type { QueryableCollection } from '../odata/contract';
import { indexKey, readPath } from '../odata/values';
import { LogView, type DiskLog } from '../snapshot/diskLog';
import type { LoadedSnapshot } from '../snapshot/loadSnapshot';
import { COLLECTION_FILES, type CollectionName, type GraphObject, type SnapshotMeta } from '../snapshot/layout';
import { writeCollection } from '../snapshot/persist';
import { INDEXED_PATHS, INTERACTIVE_VIEW, isInteractiveUserSignIn, STORED_ORDER_CANDIDATES } from './indexedPaths';

/**
 * The tenant's data: collections in memory with their indexes and id lookups, and the big logs kept on disk behind
 * their index (sign-ins; see snapshot/diskLog.ts). Actions change objects through `update`/`append`, which
 * invalidate the derived indexes and remember what must be persisted.
 */
export class TenantStore {
  readonly meta: SnapshotMeta;
  readonly tenantId: string;
  readonly shiftSeconds: number;
  private readonly data: Record<CollectionName, GraphObject[]>;
  private readonly logs: Partial<Record<CollectionName, DiskLog>>;
  private readonly idMaps = new Map<CollectionName, Map<string, GraphObject>>();
  private readonly queryables = new Map<string, QueryableCollection>();
  private upns?: Map<string, GraphObject>;
  private readonly dirty = new Set<CollectionName>();

  constructor(snapshot: LoadedSnapshot) {
    this.meta = snapshot.meta;
    this.tenantId = snapshot.meta.tenantId;
    this.shiftSeconds = snapshot.shiftSeconds;
    this.data = snapshot.collections;
    this.logs = snapshot.onDisk ?? {};
  }

  /** The collection kept on disk under this name, if it is one. */
  onDisk(name: CollectionName): DiskLog | undefined {
    return this.logs[name];
  }

  /** Every item of a collection held in memory. A collection on disk is read through `queryable` and `get` instead. */
  items(name: CollectionName): readonly GraphObject[] {
    if (this.logs[name]) throw new Error(`${COLLECTION_FILES[name]} is kept on disk: read it through queries or by id, not whole`);
    return this.data[name];
  }

  /** Number of items, wherever they are kept. */
  size(name: CollectionName): number {
    return this.logs[name]?.count ?? this.data[name].length;
  }

  get(name: CollectionName, id: string): GraphObject | undefined {
    const log = this.logs[name];
    if (log) return log.get(id);
    let map = this.idMaps.get(name);
    if (!map) {
      map = new Map(this.data[name].map((item) => [item.id as string, item]));
      this.idMaps.set(name, map);
    }
    return map.get(id);
  }

  /** A user by object id or userPrincipalName (case-insensitive, #EXT# included). */
  user(idOrUpn: string): GraphObject | undefined {
    const byId = this.get('users', idOrUpn);
    if (byId) return byId;
    if (!this.upns) this.upns = new Map(this.data.users.map((user) => [String(user.userPrincipalName).toLowerCase(), user]));
    return this.upns.get(idOrUpn.toLowerCase());
  }

  /** The collection as the query engine sees it, indexed on the properties of INDEXED_PATHS. */
  queryable(name: CollectionName): QueryableCollection {
    let collection = this.queryables.get(name);
    if (!collection) {
      const log = this.logs[name];
      collection = log ? new LogView(log) : createIndexedCollection(this.data[name], INDEXED_PATHS[name], { observedOrder: STORED_ORDER_CANDIDATES[name] });
      this.queryables.set(name, collection);
    }
    return collection;
  }

  /** Items whose indexed property equals the value (an array, wherever the collection is kept). */
  lookup(name: CollectionName, propertyPath: string, value: unknown): GraphObject[] {
    const found = this.queryable(name).lookup?.(propertyPath, value);
    if (!found) throw new Error(`${name} is not indexed on ${propertyPath}`);
    const items: GraphObject[] = [];
    for (let i = 0; i < found.length; i++) items.push(found.at(i) as GraphObject);
    // A log's buckets are by hash: keep only the items that hold the value (the engine's filter does the same).
    if (!this.logs[name]) return items;
    const segments = propertyPath.split('/');
    const key = indexKey(value);
    return items.filter((item) => indexKey(readPath(item, segments)) === key);
  }

  /** Interactive user sign-ins only: what /auditLogs/signIns lists unless beta asks for signInEventTypes. */
  interactiveSignIns(): QueryableCollection {
    let collection = this.queryables.get('signIns:interactive');
    if (!collection) {
      const log = this.logs.signIns;
      collection = log
        ? new LogView(log, INTERACTIVE_VIEW)
        : createIndexedCollection(this.data.signIns.filter(isInteractiveUserSignIn), INDEXED_PATHS.signIns, { observedOrder: STORED_ORDER_CANDIDATES.signIns });
      this.queryables.set('signIns:interactive', collection);
    }
    return collection;
  }

  private forgetDerived(name: CollectionName): void {
    this.idMaps.delete(name);
    this.queryables.delete(name);
    if (name === 'signIns') this.queryables.delete('signIns:interactive');
    if (name === 'users') this.upns = undefined;
  }

  /** Marks a collection changed after its objects were modified in place. */
  touched(name: CollectionName): void {
    // A log keeps its index current itself (only the changed items are looked at); its views are rebuilt.
    this.logs[name]?.changed();
    this.forgetDerived(name);
    this.dirty.add(name);
  }

  /**
   * Marks objects changed in place in the named top-level properties. When none of them is indexed, part of an
   * index path or the stored order, the indexes and id map stay valid and are kept: rebuilding them over two million
   * sign-ins would cost seconds for a change to a few risk fields. Otherwise the same as `touched`.
   */
  changed(name: CollectionName, properties: readonly string[]): void {
    const order = STORED_ORDER_CANDIDATES[name]?.property;
    const derivedFrom = new Set([...INDEXED_PATHS[name], ...(order ? [order] : [])].map((path) => path.split('/')[0].toLowerCase()));
    // The interactive view of sign-ins is chosen by these two.
    if (name === 'signIns') derivedFrom.add('signineventtypes').add('isinteractive');
    const log = this.logs[name];
    if (log) {
      // The changed items become the log's own; its columns follow them, and views are rebuilt only if they moved.
      if (log.changed().reordered || properties.some((property) => derivedFrom.has(property.toLowerCase()))) this.forgetDerived(name);
      this.dirty.add(name);
      return;
    }
    if (properties.some((property) => derivedFrom.has(property.toLowerCase()))) {
      this.touched(name);
      return;
    }
    this.dirty.add(name);
  }

  append(name: CollectionName, item: GraphObject): void {
    if (this.logs[name]) throw new Error(`${COLLECTION_FILES[name]} is kept on disk and cannot be appended to`);
    this.data[name].push(item);
    this.touched(name);
  }

  /** Collections changed since the last call (what must be written back with --persist). */
  takeDirty(): CollectionName[] {
    const names = [...this.dirty];
    this.dirty.clear();
    return names;
  }

  /** Writes one collection back into the persisted copy (a log on disk rewrites its own file and index). */
  async writeBack(persistDir: string, name: CollectionName): Promise<void> {
    const log = this.logs[name];
    if (log) {
      if (path.resolve(log.path) !== path.resolve(persistDir, COLLECTION_FILES[name])) throw new Error(`${COLLECTION_FILES[name]} was not loaded from ${persistDir}`);
      await log.writeBack(this.shiftSeconds);
      return;
    }
    await writeCollection(persistDir, name, this.data[name], this.shiftSeconds);
  }

  /** Releases the files of the logs on disk. */
  close(): void {
    for (const log of Object.values(this.logs)) log.close();
  }
}
