import { randomBytes } from 'node:crypto';

// Prefixed, time-ordered ids (`pay_01JD…`) for things people see in logs. Time first keeps B-tree inserts local.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  const bytes = randomPart();
  for (let i = 0; i < 16; i++) random += ALPHABET[bytes[i]! & 31];
  return `${prefix}_${time}${random}`;
}

// Random bytes taken from the CSPRNG 4 KiB at a time rather than 16 per id: a bill run makes four ids a bill, and
// one system call each was a tenth of its CPU. The bytes are as random; they are only drawn in bulk.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomPart(): Buffer {
  if (offset + 16 > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const part = pool.subarray(offset, offset + 16);
  offset += 16;
  return part;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
