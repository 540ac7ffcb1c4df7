/** Standard input when something is piped in; null for a terminal or nothing. */
export async function readStdinIfPiped(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const { fstatSync } = await import('node:fs');
  const stat = fstatSync(0);
  // Only read real pipes and files: an inherited, never-closed stdin would block forever.
  if (!stat.isFIFO() && !stat.isFile()) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
