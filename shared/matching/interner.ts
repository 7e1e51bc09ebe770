/**
 * Interns what listings are compared on (owners, quartiers, commune×typology keys, sets of keys
 * wished, filter classes) into small integers, one numbering per kind: an id is only ever
 * compared with ids of its kind, and arrays indexed by owner or by key stay as short as the kind
 * is numerous. A cold start interns some ten values per listing: each is looked up by the strings
 * and numbers the listing already holds, without building a string for it.
 */

/** A node of a trie of key sequences: the keys walked so far, their id and their shared list. */
interface KeysNode {
  id: number;
  list: readonly number[] | undefined;
  next: Map<number, KeysNode> | undefined;
}

function nodeOf(root: KeysNode, keys: readonly number[]): KeysNode {
  let node = root;
  for (const key of keys) {
    let next = node.next?.get(key);
    if (next === undefined) {
      next = { id: -1, list: undefined, next: undefined };
      (node.next ??= new Map()).set(key, next);
    }
    node = next;
  }
  return node;
}

class Numbering {
  private readonly ids = new Map<string, number>();
  of(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
    }
    return id;
  }
}

export class Interner {
  private readonly owners = new Numbering();
  private readonly quartiers = new Numbering();
  private readonly filters = new Numbering();
  /** Commune → typology → key. */
  private readonly keys = new Map<string, Map<string, number>>();
  private keyCount = 0;
  private readonly profiles: KeysNode = { id: -1, list: undefined, next: undefined };
  private profileCount = 0;
  private readonly keyLists: KeysNode = { id: -1, list: undefined, next: undefined };

  owner(ownerId: string): number {
    return this.owners.of(ownerId);
  }

  quartier(quartierId: string): number {
    return this.quartiers.of(quartierId);
  }

  /** The key of a commune×typology, offered or wished. */
  offeredKey(communeCode: string, typology: string): number {
    let byTypology = this.keys.get(communeCode);
    if (byTypology === undefined) this.keys.set(communeCode, (byTypology = new Map()));
    let key = byTypology.get(typology);
    if (key === undefined) byTypology.set(typology, (key = this.keyCount++));
    return key;
  }

  /** The id shared by every listing wishing exactly these keys (given sorted, without repeats). */
  wishProfile(sortedKeys: readonly number[]): number {
    const node = nodeOf(this.profiles, sortedKeys);
    if (node.id < 0) node.id = this.profileCount++;
    return node.id;
  }

  /** A frozen list of these keys in this order, shared by every listing wishing them so. */
  keyList(keys: readonly number[]): readonly number[] {
    const node = nodeOf(this.keyLists, keys);
    return (node.list ??= Object.freeze(keys.slice()));
  }

  /** The class of a description of quartier wishes and needs (`filterClass`). */
  filterClass(description: string): number {
    return this.filters.of(description);
  }
}
