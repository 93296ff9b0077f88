/** A number with `digits` decimals, never "-0.00": a value that rounds to zero has no sign. */
export function fixed(v: number, digits = 2): string {
  const s = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
