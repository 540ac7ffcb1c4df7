/** The per-run buffer behind print and dump: capped in UTF-8 bytes, never written to stdout. */
export class Output {
  private readonly parts: string[] = [];
  private bytes = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  write(text: string): void {
    if (this.truncated) return;
    const size = Buffer.byteLength(text);
    if (this.bytes + size <= this.maxBytes) {
      this.parts.push(text);
      this.bytes += size;
      return;
    }
    const room = this.maxBytes - this.bytes;
    // Cutting bytes may split a multi-byte character; the decoder then ends with U+FFFD, which is fine for a cut.
    this.parts.push(Buffer.from(text).subarray(0, room).toString('utf8'));
    this.parts.push(`\n[output truncated at ${this.maxBytes} bytes]\n`);
    this.bytes = this.maxBytes;
    this.truncated = true;
  }

  toString(): string {
    return this.parts.join('');
  }
}
