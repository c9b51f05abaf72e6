// For the apps' translation tests: what differs between the three languages of a dictionary.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// The three languages of a dictionary set have the same keys, no empty text and the same
// placeholders; exported for the apps' own tests.
export function checkDicts(dicts: Record<'en' | 'de' | 'sv', Record<string, string>>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(dicts.en).sort();
  for (const code of ['de', 'sv'] as const) {
    const other = Object.keys(dicts[code]).sort();
    for (const k of keys) if (!other.includes(k)) problems.push(`${code} lacks ${k}`);
    for (const k of other) if (!keys.includes(k)) problems.push(`${code} has extra ${k}`);
  }
  for (const code of ['en', 'de', 'sv'] as const) {
    for (const k of keys) {
      const text = dicts[code][k];
      if (text === undefined) continue;
      if (text.trim() === '') problems.push(`${code} ${k} is empty`);
      if (placeholders(text).join() !== placeholders(dicts.en[k]).join()) problems.push(`${code} ${k} placeholders differ`);
    }
  }
  return problems;
}
