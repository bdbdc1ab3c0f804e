import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { PayloadTooLargeError } from '../../common/errors/domain-error';
import { SNIFF_BYTES, sniffType, type SniffedType } from './sniff';

export interface InspectedBytes {
  size: number;
  sha256: string;
  sniffed: SniffedType;
}

/**
 * What every upload's bytes pass through on their way to storage, whatever their source (a multipart `file` part
 * or a finished tus upload): counted (failing with 413 past `maxBytes`), hashed, and sniffed from their first
 * SNIFF_BYTES, which are the only bytes ever held back (once). Nothing else is buffered.
 */
export class UploadInspector extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private head: Buffer[] = [];
  private headBytes = 0;
  private size = 0;
  private sniffed: SniffedType | null = null;
  private digest: string | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly declaredName: string | null,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new PayloadTooLargeError(`The file is larger than the limit of ${this.maxBytes} bytes.`));
      return;
    }
    this.hash.update(chunk);
    if (this.sniffed) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) {
      callback();
      return;
    }
    this.releaseHead(true).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.sniffed) {
      callback();
      return;
    }
    this.releaseHead(false).then(() => callback(), callback);
  }

  /** `truncated`: more bytes may follow the head, so its last character may be cut. */
  private async releaseHead(truncated: boolean): Promise<void> {
    const bytes = Buffer.concat(this.head);
    this.head = [];
    this.sniffed = await sniffType(bytes.subarray(0, SNIFF_BYTES), truncated, this.declaredName);
    if (bytes.length > 0) this.push(bytes);
  }

  /** Valid once the stream has ended (storage resolved its put). */
  result(): InspectedBytes {
    if (!this.sniffed) throw new Error('UploadInspector.result() before the stream ended');
    this.digest ??= this.hash.digest('hex');
    return { size: this.size, sha256: this.digest, sniffed: this.sniffed };
  }
}
