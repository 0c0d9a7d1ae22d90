// Read a V8 .cpuprofile and total self time by function and by package or source file, for bench/cpu-profile.ts.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** The parts of a V8 CPU profile (`node --cpu-prof`) used here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time in milliseconds, highest first. */
export interface SelfTimes {
  totalMs: number;
  byFunction: [string, number][];
  byPlace: [string, number][];
}

/** Self time of every sampled function and of every package (node_modules/<name>) or project file (src/…). */
export function summariseProfile(profile: CpuProfile): SelfTimes {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let totalMs = 0;
  // Sample i lasts until sample i + 1 (as DevTools counts it): its time is the next delta.
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const frame = frames.get(id)!;
    const place = placeOf(frame.url);
    add(byFunction, `${frame.functionName || '(anonymous)'}  ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`, ms);
    add(byPlace, place || frame.functionName, ms);
    totalMs += ms;
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs, byFunction: sorted(byFunction), byPlace: sorted(byPlace) };
}

/** `node_modules/shiki`, `src/render/layout.ts`, `node:internal/…`, `wasm://`, or '' for V8's own entries ((garbage collector), (idle)). */
function placeOf(url: string): string {
  if (url.startsWith('wasm://')) return 'wasm://'; // WebAssembly: in a build, shiki's Oniguruma regex engine
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return `node_modules/${packageMatch[1]}`;
  const source = /\/((?:src|bin|bench)\/.*)$/.exec(url);
  if (source) return source[1]!;
  return url;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}
