/**
 * Streaming scanner for a CloudTrail log document `{"Records":[{...},{...}]}`.
 *
 * Why hand-written: it must (1) validate the whole document strictly, so that DuckDB never meets
 * a line it cannot parse in the middle of a batch, (2) cut the Records array into one text per
 * event without building JS objects (JSON.parse of every event costs more than the whole DuckDB
 * load), (3) keep memory bounded for a multi-GB file fed in chunks, and (4) say where a document
 * breaks (byte offset) and which record is bad. Streaming JSON libraries tokenize into JS values
 * and run an order of magnitude slower.
 *
 * Each record is emitted compacted: whitespace outside strings is dropped, every other byte is
 * kept as written (string escapes, number spelling, key order), so a compact delivery is stored
 * byte-for-byte and a pretty-printed one loses only indentation.
 */

export class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** 'syntax': not valid JSON; 'shape': valid JSON but not a CloudTrail log document. */
    readonly kind: 'syntax' | 'shape' = 'syntax',
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export interface ScannedRecord {
  /** Compacted text of the record (valid JSON). Only valid during the callback. */
  text: Buffer;
  /** 0-based position in the Records array. */
  index: number;
  /** Whether the record is a JSON object. */
  isObject: boolean;
  /** Value of the record's top-level "eventTime" when it is a string; undefined otherwise. */
  eventTime: string | undefined;
}

const enum St {
  Value,
  AfterValue,
  KeyOrEnd,
  Key,
  Colon,
  Str,
  Esc,
  Hex,
  Num,
  Lit,
  Done,
}

const isWs = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
/** Phases of the JSON number grammar -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
const enum NumPh {
  Start,
  Minus,
  Zero,
  Int,
  Dot,
  Frac,
  E,
  ESign,
  Exp,
}
/** Phases in which a number may end. */
const NUM_END_OK = [false, false, true, true, false, true, false, false, true];
const CONTROL_BYTES = [0x0a, 0x09, 0x0d, 0x00];
const EVENT_TIME = Buffer.from('eventTime');
const RECORDS = Buffer.from('Records');

export class RecordScanner {
  private st = St.Value;
  private stack: number[] = []; // 0x7b '{' or 0x5b '['
  private offset = 0; // absolute offset of the current chunk's first byte
  private hexLeft = 0;
  private numPhase = 0;
  private lit = '';
  private litPos = 0;
  private strIsKey = false;
  private strStart = -1; // index in chunk where the current string content started (key/eventTime capture)
  private strBuf: Buffer[] = [];
  private captureStr = false;
  // Document structure
  private pendingRecordsKey = false; // the last depth-1 key was "Records"
  private recordsDepth = -1; // stack depth at which Records items live (2), or -1
  private sawRecords = false;
  private recordsClosed = false;
  // Current record
  private inRecord = false;
  private recStartDepth = 0;
  private recParts: Buffer[] = [];
  private recLen = 0;
  private runStart = -1;
  private recIsObject = false;
  private recEventTime: string | undefined;
  private keyIsEventTime = false;
  private expectEventTimeValue = false;
  private recIndex = 0;
  private readonly maxRecordBytes: number;

  constructor(
    private readonly onRecord: (r: ScannedRecord) => void,
    opts: { maxRecordBytes?: number } = {},
  ) {
    this.maxRecordBytes = opts.maxRecordBytes ?? 256 * 1024 * 1024;
  }

  get recordCount(): number {
    return this.recIndex;
  }

  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    if (this.inRecord) this.runStart = 0;
    this.nextBs = -1;
    const inString = () => this.st === St.Str || this.st === St.Esc || this.st === St.Hex;
    if (inString() && this.captureStr) this.strStart = 0;
    while (i < n) {
      const c = chunk[i]!;
      switch (this.st) {
        case St.Str: {
          // Fast path: let memchr find the closing quote; a backslash before it is an escape.
          // Raw control characters are caught per record (see finishRecord).
          const q = chunk.indexOf(0x22, i);
          if (this.nextBs < i) this.nextBs = chunk.indexOf(0x5c, i);
          if (this.nextBs < 0) this.nextBs = n;
          const stop = q < 0 ? n : q;
          if (this.nextBs < stop) {
            i = this.nextBs + 1;
            this.st = St.Esc;
          } else if (q >= 0) {
            this.endString(chunk, q);
            i = q + 1;
          } else i = n;
          continue;
        }
        case St.Esc:
          if (c === 0x75) {
            this.st = St.Hex;
            this.hexLeft = 4;
          } else if (c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) {
            this.st = St.Str;
          } else throw new ScanError('invalid escape in a string', this.offset + i);
          i++;
          continue;
        case St.Hex:
          if (!isHex(c)) throw new ScanError('invalid \\u escape in a string', this.offset + i);
          if (--this.hexLeft === 0) this.st = St.Str;
          i++;
          continue;
        case St.Num: {
          const ok = this.numStep(c);
          if (ok === 1) {
            i++;
            continue;
          }
          if (ok === -1 && this.numPhase === NumPh.Minus && c === 0x49) {
            // -Infinity (see beginValue)
            this.lit = 'Infinity';
            this.litPos = 1;
            this.st = St.Lit;
            i++;
            continue;
          }
          if (ok === -1 || !NUM_END_OK[this.numPhase]) throw new ScanError('invalid number', this.offset + i);
          this.endScalar(chunk, i);
          continue; // re-examine c in AfterValue
        }
        case St.Lit:
          if (c !== this.lit.charCodeAt(this.litPos)) throw new ScanError(`invalid literal (expected "${this.lit}")`, this.offset + i);
          i++;
          if (++this.litPos === this.lit.length) this.endScalar(chunk, i);
          continue;
      }
      if (isWs(c)) {
        if (this.inRecord && this.runStart >= 0) this.flushRun(chunk, i);
        i++;
        if (this.inRecord) this.runStart = i;
        continue;
      }
      switch (this.st) {
        case St.Value:
          if (c === 0x5d && (this.lastWasOpen || this.lastWasComma)) this.close(chunk, i); // "[]", "[1,]"
          else this.beginValue(chunk, i, c);
          break;
        case St.AfterValue: {
          const top = this.stack[this.stack.length - 1];
          if (c === 0x2c && top !== undefined) {
            this.st = top === 0x7b ? St.Key : St.Value;
            this.lastWasComma = true;
          }
          else if ((c === 0x7d && top === 0x7b) || (c === 0x5d && top === 0x5b)) this.close(chunk, i);
          else throw new ScanError(top === undefined ? 'unexpected data after the document' : `expected "," or "${top === 0x7b ? '}' : ']'}"`, this.offset + i);
          break;
        }
        case St.KeyOrEnd:
          if (c === 0x7d) this.close(chunk, i);
          else if (c === 0x22) this.beginString(i, true);
          else throw new ScanError('expected a key or "}"', this.offset + i);
          break;
        case St.Key:
          if (c === 0x7d && this.lastWasComma) this.close(chunk, i); // {"a":1,}
          else if (c !== 0x22) throw new ScanError('expected a key', this.offset + i);
          else this.beginString(i, true);
          break;
        case St.Colon:
          if (c !== 0x3a) throw new ScanError('expected ":"', this.offset + i);
          this.st = St.Value;
          break;
        case St.Done:
          throw new ScanError('unexpected data after the document', this.offset + i);
      }
      i++;
    }
    if (this.inRecord && this.runStart >= 0) this.flushRun(chunk, n);
    if (inString() && this.captureStr && this.strStart >= 0) this.strBuf.push(Buffer.from(chunk.subarray(this.strStart, n)));
    this.offset += n;
  }

  /** Call after the last chunk; throws when the document is incomplete or has no Records. */
  end(): void {
    if (this.offset === 0) throw new ScanError('the file is empty', 0, 'shape');

    if (this.st !== St.Done) throw new ScanError('unexpected end of data (truncated file?)', this.offset);
    if (!this.sawRecords) throw new ScanError('no "Records" array in the document', this.offset, 'shape');
  }

  /** Advance the number grammar by one byte: 1 consumed, 0 not part of the number, -1 invalid. */
  private numStep(c: number): number {
    const digit = c >= 0x30 && c <= 0x39;
    switch (this.numPhase) {
      case NumPh.Start:
        if (c === 0x2d) return (this.numPhase = NumPh.Minus), 1;
      // falls through
      case NumPh.Minus:
        if (!digit) return -1;
        this.numPhase = c === 0x30 ? NumPh.Zero : NumPh.Int;
        return 1;
      case NumPh.Int:
        if (digit) return 1;
      // falls through
      case NumPh.Zero:
        if (c === 0x2e) return (this.numPhase = NumPh.Dot), 1;
        if (c === 0x65 || c === 0x45) return (this.numPhase = NumPh.E), 1;
        return digit ? -1 : 0;
      case NumPh.Dot:
        if (!digit) return -1;
        return (this.numPhase = NumPh.Frac), 1;
      case NumPh.Frac:
        if (digit) return 1;
        if (c === 0x65 || c === 0x45) return (this.numPhase = NumPh.E), 1;
        return 0;
      case NumPh.E:
        if (c === 0x2b || c === 0x2d) return (this.numPhase = NumPh.ESign), 1;
      // falls through
      case NumPh.ESign:
        if (!digit) return -1;
        return (this.numPhase = NumPh.Exp), 1;
      default:
        return digit ? 1 : 0;
    }
  }

  private beginValue(chunk: Buffer, i: number, c: number): void {
    const depth = this.stack.length;
    if (depth === 0 && c !== 0x7b) throw new ScanError('the document is not a JSON object (expected {"Records":[...]})', this.offset + i, 'shape');
    if (this.pendingRecordsKey) {
      this.pendingRecordsKey = false;
      if (c !== 0x5b) throw new ScanError('"Records" is not an array', this.offset + i, 'shape');
      this.sawRecords = true;
      this.recordsDepth = depth + 1;
    }
    if (!this.inRecord && depth === this.recordsDepth && !this.recordsClosed) {
      this.inRecord = true;
      this.recStartDepth = depth;
      this.recParts = [];
      this.recLen = 0;
      this.runStart = i;
      this.recIsObject = c === 0x7b;
      this.recEventTime = undefined;
    }
    this.expectEventTimeValue = this.keyIsEventTime && depth === this.recordsDepth + 1 && this.inRecord;
    this.keyIsEventTime = false;
    if (c === 0x7b) {
      this.stack.push(c);
      this.st = St.KeyOrEnd;
    } else if (c === 0x5b) {
      this.stack.push(c);
      this.st = St.Value;
      // An empty array closes on the very next token; St.Value handles "]" below.
    } else if (c === 0x22) {
      this.beginString(i, false);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.st = St.Num;
      this.numPhase = NumPh.Start;
      this.numStep(c);
    } else if (c === 0x74 || c === 0x66 || c === 0x6e || c === 0x4e || c === 0x49) {
      this.lit = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : c === 0x4e ? 'NaN' : 'Infinity';
      this.litPos = 1;
      this.st = St.Lit;
    } else throw new ScanError('expected a value', this.offset + i);
    this.lastWasOpen = c === 0x5b;
    this.lastWasComma = false;
  }

  private lastWasOpen = false;
  /**
   * The grammar is DuckDB's (yyjson with trailing commas and NaN/Infinity allowed), not strict
   * JSON: most files are read by DuckDB itself, and a file must not be accepted or refused
   * depending on which reader it went to.
   */
  private lastWasComma = false;
  private nextBs = -1; // position of the next backslash in the current chunk (n when none)

  private beginString(i: number, isKey: boolean): void {
    this.lastWasOpen = false;
    this.lastWasComma = false;
    this.st = St.Str;
    this.strIsKey = isKey;
    const depth = this.stack.length;
    this.captureStr = isKey ? depth === 1 || (this.inRecord && depth === this.recordsDepth + 1) : this.expectEventTimeValue;
    this.strStart = i + 1;
    if (this.strBuf.length) this.strBuf = [];
  }

  private endString(chunk: Buffer, i: number): void {
    if (this.strIsKey) {
      this.st = St.Colon;
      if (this.captureStr) {
        const want = this.stack.length === 1 ? RECORDS : EVENT_TIME;
        const hit = this.strBuf.length
          ? Buffer.concat([...this.strBuf, chunk.subarray(Math.max(this.strStart, 0), i)]).equals(want)
          : i - this.strStart === want.length && want.compare(chunk, this.strStart, i) === 0;
        if (want === RECORDS) this.pendingRecordsKey = hit;
        else this.keyIsEventTime = hit;
      }
    } else {
      if (this.expectEventTimeValue) {
        this.recEventTime = this.strBuf.length
          ? Buffer.concat([...this.strBuf, chunk.subarray(Math.max(this.strStart, 0), i)]).toString('utf8')
          : chunk.toString('utf8', this.strStart, i);
      }
      this.st = St.AfterValue;
      this.afterScalar(chunk, i + 1);
    }
    this.captureStr = false;
    if (this.strBuf.length) this.strBuf = [];
  }

  private endScalar(chunk: Buffer, i: number): void {
    this.st = this.stack.length === 0 ? St.Done : St.AfterValue;
    this.afterScalar(chunk, i);
  }

  /** A scalar value ended just before chunk[i]. */
  private afterScalar(chunk: Buffer, i: number): void {
    this.lastWasOpen = false;
    this.expectEventTimeValue = false;
    if (this.inRecord && this.stack.length === this.recStartDepth) this.finishRecord(chunk, i);
  }

  private close(chunk: Buffer, i: number): void {
    this.lastWasOpen = false;
    this.lastWasComma = false;
    this.stack.pop();
    const depth = this.stack.length;
    this.st = depth === 0 ? St.Done : St.AfterValue;
    if (this.inRecord && depth === this.recStartDepth) this.finishRecord(chunk, i + 1);
    else if (depth === this.recordsDepth - 1 && this.sawRecords && !this.recordsClosed && !this.inRecord) {
      this.recordsClosed = true;
    }
  }

  private flushRun(chunk: Buffer, end: number): void {
    if (end > this.runStart) {
      // Copy: the chunk buffer is reused by the caller's stream.
      this.recParts.push(Buffer.from(chunk.subarray(this.runStart, end)));
      this.recLen += end - this.runStart;
      if (this.recLen > this.maxRecordBytes) throw new ScanError(`record ${this.recIndex} is larger than ${this.maxRecordBytes} bytes`, this.offset + end);
    }
    this.runStart = -1;
  }

  private finishRecord(chunk: Buffer, end: number): void {
    let text: Buffer;
    if (this.recParts.length === 0) text = chunk.subarray(this.runStart, end);
    else {
      if (this.runStart >= 0 && end > this.runStart) this.recParts.push(chunk.subarray(this.runStart, end));
      text = Buffer.concat(this.recParts);
    }
    this.inRecord = false;
    this.runStart = -1;
    this.recParts = [];
    // Whitespace outside strings is gone, so any of these bytes sits raw inside a string: invalid
    // JSON, and it would also break the one-record-per-line hand-off to DuckDB.
    for (const cc of CONTROL_BYTES) {
      if (text.indexOf(cc) >= 0) throw new ScanError(`control character 0x${cc.toString(16)} inside a string in record ${this.recIndex}`, this.offset + end);
    }
    this.onRecord({ text, index: this.recIndex++, isObject: this.recIsObject, eventTime: this.recEventTime });
  }
}
