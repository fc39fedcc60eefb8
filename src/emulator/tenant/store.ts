import { createIndexedCollection } from '../odata';
import type { QueryableCollection } from '../odata/contract';
import type { LoadedSnapshot } from '../snapshot/loadSnapshot';
import type { CollectionName, GraphObject, SnapshotMeta } from '../snapshot/layout';
import { INDEXED_PATHS, STORED_ORDER_CANDIDATES } from './indexedPaths';

/** Sign-ins the default list returns: interactive user sign-ins (REFERENCE §1.1, §10 item 1). */
function isInteractiveUserSignIn(signIn: GraphObject): boolean {
  const types = signIn.signInEventTypes;
  if (Array.isArray(types) && types.length > 0) return types.includes('interactiveUser');
  return signIn.isInteractive !== false;
}

/**
 * The tenant's data in memory: collections, their indexes and id lookups. Actions change objects through
 * `update`/`append`, which invalidate the derived indexes and remember what must be persisted.
 */
export class TenantStore {
  readonly meta: SnapshotMeta;
  readonly tenantId: string;
  readonly shiftSeconds: number;
  private readonly data: Record<CollectionName, GraphObject[]>;
  private readonly idMaps = new Map<CollectionName, Map<string, GraphObject>>();
  private readonly queryables = new Map<string, QueryableCollection>();
  private upns?: Map<string, GraphObject>;
  private readonly dirty = new Set<CollectionName>();

  constructor(snapshot: LoadedSnapshot) {
    this.meta = snapshot.meta;
    this.tenantId = snapshot.meta.tenantId;
    this.shiftSeconds = snapshot.shiftSeconds;
    this.data = snapshot.collections;
  }

  items(name: CollectionName): readonly GraphObject[] {
    return this.data[name];
  }

  get(name: CollectionName, id: string): GraphObject | undefined {
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
      collection = createIndexedCollection(this.data[name], INDEXED_PATHS[name], { observedOrder: STORED_ORDER_CANDIDATES[name] });
      this.queryables.set(name, collection);
    }
    return collection;
  }

  /** Interactive user sign-ins only: what /auditLogs/signIns lists unless beta asks for signInEventTypes. */
  interactiveSignIns(): QueryableCollection {
    let collection = this.queryables.get('signIns:interactive');
    if (!collection) {
      collection = createIndexedCollection(this.data.signIns.filter(isInteractiveUserSignIn), INDEXED_PATHS.signIns, { observedOrder: STORED_ORDER_CANDIDATES.signIns });
      this.queryables.set('signIns:interactive', collection);
    }
    return collection;
  }

  /** Marks a collection changed after its objects were modified in place. */
  touched(name: CollectionName): void {
    this.idMaps.delete(name);
    this.queryables.delete(name);
    if (name === 'signIns') this.queryables.delete('signIns:interactive');
    if (name === 'users') this.upns = undefined;
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
    if (properties.some((property) => derivedFrom.has(property.toLowerCase()))) {
      this.touched(name);
      return;
    }
    this.dirty.add(name);
  }

  append(name: CollectionName, item: GraphObject): void {
    this.data[name].push(item);
    this.touched(name);
  }

  /** Collections changed since the last call (what must be written back with --persist). */
  takeDirty(): CollectionName[] {
    const names = [...this.dirty];
    this.dirty.clear();
    return names;
  }
}
