// A batch line's custom_id names the (item, agent) it asks for: "i<item>-a<agent>".

export function customId(item: number, agent: number): string {
  return `i${item}-a${agent}`;
}

export function parseCustomId(id: string): { item: number; agent: number } | null {
  const match = /^i(\d+)-a(\d+)$/.exec(id);
  return match ? { item: Number(match[1]), agent: Number(match[2]) } : null;
}
