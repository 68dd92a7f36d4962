import { canonicalText, decodeValue, encodeValue, keccakText, StakeworksError, type Hex, type Store } from '../kernel/index.js';

/**
 * A snapshot is the whole chain state as one JSON document: every state container's content in
 * the tagged value encoding of `kernel/snapshot.ts`, the event counter, and the state root it must
 * reproduce. Containers are listed by name, so `canonicalJson(snapshot)` of equal states is equal.
 * Caches are not written: a restored chain rebuilds them from state.
 */
export const SNAPSHOT_FORMAT = 'stakeworks-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The mechanisms in chain order, each with a hash of its effective parameters. */
  mechanisms: Array<{ kind: string; paramsHash: Hex }>;
  eventCount: number;
  stateRoot: Hex;
  containers: Record<string, unknown>;
}

interface ChainLike {
  mechanismKinds(): string[];
  paramsOf(kind: string): unknown;
}

export class SnapshotError extends StakeworksError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('SNAPSHOT_INVALID', 'kernel', message, details);
  }
}

const paramsHash = (params: unknown): Hex => keccakText(canonicalText(params));

export function writeSnapshot(chain: ChainLike, store: Store, eventCount: number, stateRoot: Hex): Snapshot {
  const containers: Record<string, unknown> = {};
  for (const c of store.all()) if (!c.cache) containers[c.name] = c.dump(encodeValue);
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    mechanisms: chain.mechanismKinds().map((kind) => ({ kind, paramsHash: paramsHash(chain.paramsOf(kind)) })),
    eventCount,
    stateRoot,
    containers,
  };
}

/** Checks a snapshot's shape; returns the steps restore needs. */
export function readSnapshot(raw: unknown): {
  eventCount: number;
  load(chain: ChainLike, store: Store): void;
  verify(root: Hex): void;
} {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SnapshotError('a snapshot must be an object');
  const doc = raw as Partial<Snapshot>;
  if (doc.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`snapshot.format must be "${SNAPSHOT_FORMAT}", got ${JSON.stringify(doc.format)}`);
  if (doc.version !== SNAPSHOT_VERSION) throw new SnapshotError(`snapshot.version ${JSON.stringify(doc.version)} is not supported (this engine reads version ${SNAPSHOT_VERSION})`);
  if (!Number.isSafeInteger(doc.eventCount) || (doc.eventCount as number) < 0) throw new SnapshotError('snapshot.eventCount must be a non-negative integer');
  if (typeof doc.stateRoot !== 'string' || !/^0x[0-9a-f]{64}$/.test(doc.stateRoot)) throw new SnapshotError('snapshot.stateRoot must be a 32-byte hex string');
  if (!Array.isArray(doc.mechanisms)) throw new SnapshotError('snapshot.mechanisms must be a list');
  if (doc.containers === null || typeof doc.containers !== 'object' || Array.isArray(doc.containers)) throw new SnapshotError('snapshot.containers must be an object');
  const containers = doc.containers as Record<string, unknown>;
  return {
    eventCount: doc.eventCount as number,
    load(chain, store) {
      const kinds = chain.mechanismKinds();
      const written = doc.mechanisms!.map((m) => m?.kind);
      if (kinds.join(',') !== written.join(',')) {
        throw new SnapshotError(`the snapshot was taken of a chain of ${written.join(', ')}; this configuration builds ${kinds.join(', ')}`, { snapshot: written, config: kinds });
      }
      for (const m of doc.mechanisms!) {
        if (m.paramsHash !== paramsHash(chain.paramsOf(m.kind))) {
          throw new SnapshotError(`the parameters of ${m.kind} differ from those the snapshot was taken with`, { mechanism: m.kind });
        }
      }
      for (const name of Object.keys(containers)) {
        const c = store.get(name);
        if (!c || c.cache) throw new SnapshotError(`the snapshot holds a container ${name} this chain does not have`, { container: name });
      }
      for (const c of store.all()) {
        if (c.cache) continue;
        if (!Object.hasOwn(containers, c.name)) throw new SnapshotError(`the snapshot lacks the container ${c.name}`, { container: c.name });
        try {
          c.load(containers[c.name], decodeValue);
        } catch (err) {
          throw new SnapshotError(`snapshot container ${c.name}: ${(err as Error).message}`, { container: c.name });
        }
      }
    },
    verify(root) {
      if (root !== doc.stateRoot) throw new SnapshotError(`the restored state has root ${root}, the snapshot recorded ${doc.stateRoot}`, { expected: doc.stateRoot, actual: root });
    },
  };
}
