/**
 * A number as Python's repr() writes it (0.1, 1e-05, 25.0, 1e+16), so exported snippets
 * carry every digit the engine uses and read like hand-written Python.
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expPart] = x.toExponential().split("e");
  const exp = Number(expPart);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || "0"}`;
}

/** An integer field (step counts, milestones) as a Python int. */
export function pyInt(x: number): string {
  return String(Math.trunc(x));
}

export function pyStr(s: string): string {
  return JSON.stringify(s);
}

export function pyList(xs: readonly number[], fmt: (x: number) => string = pyFloat): string {
  return `[${xs.map(fmt).join(", ")}]`;
}
