// The MinHash inner loop in WebAssembly SIMD: four signature slots per instruction, the same values as the JS loop.
//
// A signature is, for each of 128 seeds, the least mix32(shingle ^ seed) over a text's shingles (db/repeats.ts):
// 128 murmur3 finalizers per shingle, most of a source's import time in plain JS. WebAssembly's 128-bit SIMD
// (https://github.com/WebAssembly/simd, in every V8 since 9.1, so in Node 24 and Electron) does the same 32-bit
// multiplies, shifts and xors on four lanes at once, and has an unsigned lane-wise minimum. The module is small
// enough to write out here, instruction by instruction, rather than ship a compiled blob or a toolchain; the
// WebAssembly binary format is https://webassembly.github.io/spec/core/binary/. test/db/minHashKernel.test.ts
// checks it against the JS loop on random shingle sets.

import { endianness } from 'node:os';

/** Memory layout: the 128 seeds, then the 128 minimums, then the shingles, all 32-bit little-endian. */
const SEEDS_AT = 0;
const MINIMUMS_AT = 512;
const SHINGLES_AT = 1024;
const SLOTS = 128;
const PAGE = 65_536;

/** Unsigned LEB128, as the binary format writes sizes, counts, indices and offsets. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

/** Signed LEB128, for i32.const. */
function signed(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return bytes;
    }
    bytes.push(byte | 0x80);
  }
}

/** A vector with the same 32-bit value in its four lanes. */
function splatConst(value: number): number[] {
  const lane = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
  return [0xfd, 0x0c, ...lane, ...lane, ...lane, ...lane];
}

// The instructions used, by their names in the specification's text format.
const get = (local: number) => [0x20, local];
const set = (local: number) => [0x21, local];
const tee = (local: number) => [0x22, local];
const i32Const = (value: number) => [0x41, ...signed(value)];
const i32Add = [0x6a];
const i32Mul = [0x6c];
const i32LtU = [0x49];
const i32Load = [0x28, 2, 0];
/** v128.load and v128.store with a 16-byte alignment hint and a constant offset. */
const v128Load = (offset: number) => [0xfd, 0x00, 4, ...unsigned(offset)];
const v128Store = (offset: number) => [0xfd, 0x0b, 4, ...unsigned(offset)];
const i32x4Splat = [0xfd, 0x11];
const v128Xor = [0xfd, 0x51];
const i32x4ShrU = [0xfd, 0xad, 0x01];
const i32x4Mul = [0xfd, 0xb5, 0x01];
const i32x4MinU = [0xfd, 0xb7, 0x01];
const loop = [0x03, 0x40];
const end = [0x0b];
const brIf = (depth: number) => [0x0d, depth];

// Locals of minhash(count): the parameter, then three i32 and seven v128.
const COUNT = 0;
const GROUP = 1; // byte offset of the current eight seeds
const AT = 2; // byte address of the current shingle
const STOP = 3; // byte address after the last shingle
const SEED_A = 4;
const SEED_B = 5;
const MIN_A = 6;
const MIN_B = 7;
const SHINGLE = 8;
const A = 9;
const B = 10;

/** x ^ seed through murmur3's finalizer, folded into the running minimum: the JS loop's body, four lanes wide. */
function slotsStep(seed: number, value: number, minimum: number): number[] {
  return [
    ...get(SHINGLE),
    ...get(seed),
    ...v128Xor,
    ...tee(value),
    ...get(value),
    ...i32Const(16),
    ...i32x4ShrU,
    ...v128Xor,
    ...splatConst(0x85ebca6b),
    ...i32x4Mul,
    ...tee(value),
    ...get(value),
    ...i32Const(13),
    ...i32x4ShrU,
    ...v128Xor,
    ...splatConst(0xc2b2ae35),
    ...i32x4Mul,
    ...tee(value),
    ...get(value),
    ...i32Const(16),
    ...i32x4ShrU,
    ...v128Xor,
    ...get(minimum),
    ...i32x4MinU,
    ...set(minimum),
  ];
}

/**
 * minhash(count): for each group of eight seeds, one pass over the `count` shingles keeping two vectors of four
 * minimums, stored after the seeds. Every text reaching it has at least MIN_SHINGLES shingles, so the inner
 * loop runs at least once.
 */
function minhashBody(): number[] {
  const code = [
    ...i32Const(SHINGLES_AT),
    ...get(COUNT),
    ...i32Const(4),
    ...i32Mul,
    ...i32Add,
    ...set(STOP),
    ...i32Const(0),
    ...set(GROUP),
    ...loop,
    ...get(GROUP),
    ...v128Load(SEEDS_AT),
    ...set(SEED_A),
    ...get(GROUP),
    ...v128Load(SEEDS_AT + 16),
    ...set(SEED_B),
    ...splatConst(0xffffffff),
    ...set(MIN_A),
    ...splatConst(0xffffffff),
    ...set(MIN_B),
    ...i32Const(SHINGLES_AT),
    ...set(AT),
    ...loop,
    ...get(AT),
    ...i32Load,
    ...i32x4Splat,
    ...set(SHINGLE),
    ...slotsStep(SEED_A, A, MIN_A),
    ...slotsStep(SEED_B, B, MIN_B),
    ...get(AT),
    ...i32Const(4),
    ...i32Add,
    ...tee(AT),
    ...get(STOP),
    ...i32LtU,
    ...brIf(0),
    ...end,
    ...get(GROUP),
    ...get(MIN_A),
    ...v128Store(MINIMUMS_AT),
    ...get(GROUP),
    ...get(MIN_B),
    ...v128Store(MINIMUMS_AT + 16),
    ...get(GROUP),
    ...i32Const(32),
    ...i32Add,
    ...tee(GROUP),
    ...i32Const(SLOTS * 4),
    ...i32LtU,
    ...brIf(0),
    ...end,
    ...end,
  ];
  const locals = [2, 3, 0x7f, 7, 0x7b]; // 3 x i32, 7 x v128
  const body = [...locals, ...code];
  return [...unsigned(body.length), ...body];
}

const section = (id: number, content: number[]) => [id, ...unsigned(content.length), ...content];
const name = (text: string) => [...unsigned(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

function moduleBytes(): Uint8Array {
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // type 0: (i32) -> ()
    ...section(3, [1, 0]), // one function, of type 0
    ...section(5, [1, 0x00, 1]), // one memory of one page, growable
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('minhash'), 0x00, 0]),
    ...section(10, [1, ...minhashBody()]),
  ]);
}

/** The part of the WebAssembly JS API used here (the project's TypeScript libraries leave it out: no DOM). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface Kernel {
  memory: WasmMemory;
  minhash: (count: number) => void;
}

let kernel: Kernel | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is not available (the JS loop is used then). */
function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  // WebAssembly memory is little-endian; the typed arrays that fill it follow the machine. On a big-endian one
  // the kernel would read every shingle byte-swapped, so the JS loop serves there.
  if (endianness() !== 'LE') return (kernel = null);
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { exports } = new wasm.Instance(new wasm.Module(moduleBytes()));
    kernel = { memory: exports.memory as WasmMemory, minhash: exports.minhash as (count: number) => void };
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * The 128 unsigned minimums of mix32(shingle ^ seed) over the shingles, for the 128 seeds, into `signature`;
 * false (and nothing written) when WebAssembly SIMD is not available or there are no shingles.
 */
export function minHashSimd(shingles: Int32Array, seeds: Int32Array, signature: Uint32Array): boolean {
  const k = loadKernel();
  if (!k || shingles.length === 0) return false;
  const needed = SHINGLES_AT + shingles.length * 4;
  // Grown for the longest text seen and kept so (4 bytes a shingle: 12 MiB at the 20-million-character limit).
  if (needed > k.memory.buffer.byteLength) {
    k.memory.grow(Math.ceil((needed - k.memory.buffer.byteLength) / PAGE));
  }
  const words = new Int32Array(k.memory.buffer);
  words.set(seeds.subarray(0, SLOTS), SEEDS_AT / 4);
  words.set(shingles, SHINGLES_AT / 4);
  k.minhash(shingles.length);
  signature.set(new Uint32Array(k.memory.buffer, MINIMUMS_AT, SLOTS));
  return true;
}
