// Comparing a stored signature with the one it should be, in constant time: an attacker who can write a cache entry
// learns nothing from how long the comparison took.
import { timingSafeEqual } from 'node:crypto';

/** Whether two hex signatures are equal (false for different lengths, which timingSafeEqual refuses). */
export function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
