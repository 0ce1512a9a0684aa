/** Labels for new nodes: the kind's title, numbered when the flow already has it ("Template 2"). */
export function uniqueLabel(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base.replace(/ \d+$/, '') || 'Node';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${root} ${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
