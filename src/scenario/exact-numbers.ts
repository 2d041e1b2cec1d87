/**
 * Whole numbers in a scenario file exactly as written. YAML (and JSON) numbers
 * are read as doubles, which hold every whole number only up to 2^53 − 1
 * (Number.MAX_SAFE_INTEGER): `items: 9007199254740993` would read as
 * 9007199254740992, be refused, and be echoed as the number it is not. Such a
 * number is kept as the BigInt written instead, which no field accepts, so the
 * message shows what the file says (and the largest number there can be).
 */
import { isScalar, visit, type Document, type Node, type Scalar } from 'yaml';

/** A whole number as YAML's core schema writes one (decimal, 0x hex, 0o octal), or with a zero fraction (JSON's 1.0). */
const INTEGER = /^(?:[-+]?\d+|0x[0-9a-fA-F]+|0o[0-7]+)(?:\.0*)?$/;

/** The scalar's whole number as written, when a double could not hold it exactly. */
function writtenInteger(scalar: Scalar): bigint | undefined {
  const { value, source } = scalar;
  if (typeof value !== 'number' || !Number.isInteger(value) || Number.isSafeInteger(value)) return undefined;
  if (source === undefined || !INTEGER.test(source)) return undefined;
  return BigInt(source.replace(/\.0*$/, ''));
}

/** Replaces, in place, every number of `root` that is a whole number beyond 2^53 − 1 by the BigInt written. */
export function keepLargeIntegersExact(root: Document | Node): void {
  const replace = (scalar: Scalar): void => {
    const exact = writtenInteger(scalar);
    if (exact !== undefined) scalar.value = exact;
  };
  if (isScalar(root)) replace(root);
  else visit(root, { Scalar: (_key, scalar) => replace(scalar) });
}
