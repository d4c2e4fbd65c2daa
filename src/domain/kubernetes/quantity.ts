/**
 * Kubernetes resource quantities ("250m", "0.5", "256Mi", "1G", "1e3"), parsed so that
 * requests can be compared with limits at synth time instead of failing at `terraform apply`.
 * Grammar: k8s.io/apimachinery/pkg/api/resource (a signed decimal number and one suffix:
 * binary Ki..Ei, decimal n, u, m, k, M..E, or an exponent e<N>/E<N>).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// The exponent alternative comes last, so "1E" is exa and "1E3" is 1000 (the regex backtracks).
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

export interface Quantity {
  /** The value in base units: cores for CPU, bytes for memory. */
  readonly value: number;
  /** The suffix as written ("" when none). */
  readonly suffix: string;
}

/** Parses a quantity; undefined when the text is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, number, suffix = ''] = match;
  const multiplier = BINARY[suffix] ?? DECIMAL[suffix] ?? 10 ** Number(suffix.slice(1));
  return { value: Number(number) * multiplier, suffix };
}

/**
 * Compares two quantities; negative when a < b. Values are rounded to the nanounit
 * (Kubernetes' own precision), so "0.5" and "500m" compare equal despite floating point.
 */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const scale = (q: Quantity) => Math.round(q.value * 1e9);
  const [x, y] = Math.abs(a.value) < 1e9 && Math.abs(b.value) < 1e9 ? [scale(a), scale(b)] : [a.value, b.value];
  return x === y ? 0 : x < y ? -1 : 1;
}
