/**
 * The per-run buffer behind print and dump: capped in UTF-8 bytes, never written to stdout.
 * `onWrite` sees each piece as it is kept, so a caller can show output live (the REPL) or keep
 * it when the run is cut short (a pool worker that is terminated).
 */
export class Output {
  private readonly parts: string[] = [];
  private bytes = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number, private readonly onWrite?: (text: string) => void) {}

  write(text: string): void {
    if (this.truncated) return;
    const size = Buffer.byteLength(text);
    if (this.bytes + size <= this.maxBytes) {
      this.keep(text);
      this.bytes += size;
      return;
    }
    const room = this.maxBytes - this.bytes;
    // Cutting bytes may split a multi-byte character; the decoder then ends with U+FFFD, which is fine for a cut.
    this.keep(`${Buffer.from(text).subarray(0, room).toString('utf8')}\n[output truncated at ${this.maxBytes} bytes]\n`);
    this.bytes = this.maxBytes;
    this.truncated = true;
  }

  private keep(text: string): void {
    this.parts.push(text);
    this.onWrite?.(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}
