export interface Segment {
  text: string;
  match: boolean;
}

/** Cuts `text` into runs of matched / unmatched characters; `positions` index into `text` shifted by `offset`. */
export function segments(text: string, positions: Iterable<number>, offset = 0): Segment[] {
  const hit = new Set<number>();
  for (const p of positions) if (p >= offset && p < offset + text.length) hit.add(p - offset);
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = hit.has(i);
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += text[i];
    else out.push({ text: text[i]!, match });
  }
  return out;
}

/** A quick-open row: the file name as label, its folder as description, each with its own highlights. */
export function splitPath(path: string, positions: readonly number[]) {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dir = slash === -1 ? '' : path.slice(0, slash);
  return { label: segments(name, positions, slash + 1), description: segments(dir, positions, 0), name, dir };
}
