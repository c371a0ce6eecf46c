/** A tiny server-rendered SVG line (no axes): a replay's test accuracy at a glance, 0 to 100% high. */
export function Sparkline({ points, label, width = 96, height = 24 }: { points: [number, number][]; label: string; width?: number; height?: number }) {
  if (points.length < 2) return null;
  const xs = points.map(([x]) => x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const scaleX = (x: number) => (x1 === x0 ? 0 : ((x - x0) / (x1 - x0)) * (width - 2) + 1);
  const scaleY = (y: number) => height - 1 - Math.min(1, Math.max(0, y)) * (height - 2);
  const path = points.map(([x, y], i) => `${i ? "L" : "M"}${scaleX(x).toFixed(1)},${scaleY(y).toFixed(1)}`).join("");
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="inline-block align-middle" data-testid="sparkline">
      <title>{label}</title>
      <rect x={0} y={0} width={width} height={height} fill="#f8fafc" />
      <path d={path} fill="none" stroke="#059669" strokeWidth={1.5} />
    </svg>
  );
}
