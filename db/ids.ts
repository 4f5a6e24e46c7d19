// Record ids: random UUIDs for claims and reviews; name-based UUIDs where two teams must meet on the same id.
import { hash, randomUUID } from 'node:crypto';

/** Each namespace's 16 bytes, parsed once: every tag membership of a bulk entry hashes under the same one. */
const namespaceBytes = new Map<string, Buffer>();
/** Namespace and name are hashed from one reused buffer (ids are made one at a time, synchronously). */
const scratch = Buffer.alloc(1024);

/**
 * RFC 9562 UUIDv5 (SHA-1 of namespace + name) on node:crypto: the same ids as the `uuid` package (a test
 * checks). The one-shot hash() over a reused buffer costs half of a createHash() chain, which matters when
 * every tag membership of 100,000 claims needs one.
 */
export function uuidv5(name: string, namespace: string): string {
  let ns = namespaceBytes.get(namespace);
  if (!ns) {
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    namespaceBytes.set(namespace, ns);
  }
  let input: Buffer;
  // A UTF-16 code unit takes at most 3 bytes of UTF-8, so a name this short always fits.
  if (name.length * 3 <= scratch.length - 16) {
    ns.copy(scratch);
    input = scratch.subarray(0, 16 + scratch.write(name, 16, 'utf8'));
  } else input = Buffer.concat([ns, Buffer.from(name, 'utf8')]);
  const digest = hash('sha1', input, 'buffer') as Buffer;
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Fixed namespaces (random, generated once for Attest): changing one would split every merged case.
const SOURCE_NS = '5f0b7c55-2a5e-4c56-9e3c-7f1b0d1f6a01';
const TAG_NS = '0c9b6a53-7d0e-4a88-8c0f-2b4e1d6f3a02';
const MEMBERSHIP_NS = 'a8e3d6f1-43b2-4f5d-9b1c-6e2f0a7d5b03';
const LINK_NS = 'd2c4b7e9-1f3a-4e6d-8a5b-3c9e0f2d7a04';
const AUTHOR_NS = '7b1e9c3d-5a2f-4d8e-b6c0-1f4a3e9d2c05';
const SUGGESTION_NS = '3e6a1c9f-8b2d-4f70-a5e4-9d0c7b1f2e06';

export const newId = (): string => randomUUID();

/** Sources meet by their text's SHA-256, so the same text imported on two machines is one source. */
export const sourceIdFor = (sha256: string): string => uuidv5(sha256, SOURCE_NS);

/** "Actors/M23" and " actors / m23 " are the same tag everywhere. */
export const tagIdFor = (pathKey: string): string => uuidv5(pathKey, TAG_NS);

export const membershipIdFor = (ownerId: string, tagId: string): string =>
  uuidv5(`${ownerId}|${tagId}`, MEMBERSHIP_NS);

export const linkIdFor = (fromId: string, toId: string, relation: string): string =>
  uuidv5(`${relation}|${fromId}|${toId}`, LINK_NS);

/** An analyst known only by name (the command line) gets the same id in every case file. */
export const authorIdFor = (name: string): string => uuidv5(name.normalize('NFC').trim(), AUTHOR_NS);

/** A suggestion is its source and span: two analysts dismissing the same one meet on one row. */
export const suggestionIdFor = (sourceId: string, start: number, end: number): string =>
  uuidv5(`${sourceId}|${start}|${end}`, SUGGESTION_NS);
