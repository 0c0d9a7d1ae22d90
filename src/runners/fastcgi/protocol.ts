// FastCGI wire format: encodes records and name-value pairs and parses records incrementally (only what one RESPONDER request needs).

export const FCGI_VERSION_1 = 1;
export const FCGI_HEADER_LENGTH = 8;
/** The content length field is 16 bits, so longer streams span several records. */
export const FCGI_MAX_CONTENT_LENGTH = 0xffff;
export const FCGI_RESPONDER = 1;

/** Record types this client sends or reads (FastCGI 1.0 spec, section 8). */
export const RecordType = {
  BeginRequest: 1,
  EndRequest: 3,
  Params: 4,
  Stdin: 5,
  Stdout: 6,
  Stderr: 7,
} as const;

/** One decoded record, padding removed. */
export interface FastcgiRecord {
  type: number;
  requestId: number;
  content: Buffer;
}

/** The body of an END_REQUEST record. */
export interface EndRequestBody {
  appStatus: number;
  protocolStatus: number;
}

// Encode one record, padded so the next header starts on an 8-byte boundary (the spec recommends it).
export function encodeRecord(record: { type: number; requestId: number; content?: Uint8Array }): Buffer {
  const content = record.content ?? new Uint8Array(0);
  if (content.length > FCGI_MAX_CONTENT_LENGTH) {
    throw new RangeError(`FastCGI record content is ${content.length} bytes; the maximum is ${FCGI_MAX_CONTENT_LENGTH}`);
  }
  const paddingLength = (8 - (content.length % 8)) % 8;
  const buffer = Buffer.alloc(FCGI_HEADER_LENGTH + content.length + paddingLength);
  buffer.writeUInt8(FCGI_VERSION_1, 0);
  buffer.writeUInt8(record.type, 1);
  buffer.writeUInt16BE(record.requestId, 2);
  buffer.writeUInt16BE(content.length, 4);
  buffer.writeUInt8(paddingLength, 6);
  buffer.set(content, FCGI_HEADER_LENGTH);
  return buffer;
}

// Encode a whole stream (PARAMS, STDIN) as records of at most 65535 bytes, ending with the empty record that closes it.
export function encodeStream(stream: { type: number; requestId: number; content: Uint8Array }): Buffer {
  const { type, requestId, content } = stream;
  const records: Buffer[] = [];
  for (let offset = 0; offset < content.length; offset += FCGI_MAX_CONTENT_LENGTH) {
    records.push(encodeRecord({ type, requestId, content: content.subarray(offset, offset + FCGI_MAX_CONTENT_LENGTH) }));
  }
  records.push(encodeRecord({ type, requestId }));
  return Buffer.concat(records);
}

// Encode a BEGIN_REQUEST record; flags 0 asks the server to close the connection after the request.
export function encodeBeginRequest(options: { requestId: number; role: number; flags: number }): Buffer {
  const body = Buffer.alloc(8); // role (2), flags (1), reserved (5)
  body.writeUInt16BE(options.role, 0);
  body.writeUInt8(options.flags, 2);
  return encodeRecord({ type: RecordType.BeginRequest, requestId: options.requestId, content: body });
}

// Decode the appStatus and protocolStatus carried by an END_REQUEST record.
export function decodeEndRequest(content: Buffer): EndRequestBody {
  if (content.length < 8) {
    throw new Error(`FastCGI END_REQUEST body is ${content.length} bytes; expected 8`);
  }
  return { appStatus: content.readUInt32BE(0), protocolStatus: content.readUInt8(4) };
}

// Encode name-value pairs: lengths under 128 take one byte, longer ones four bytes with the high bit set.
export function encodeNameValuePairs(pairs: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(pairs)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    parts.push(encodeLength(nameBytes.length), encodeLength(valueBytes.length), nameBytes, valueBytes);
  }
  return Buffer.concat(parts);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length > 0x7fffffff) throw new RangeError(`FastCGI name or value of ${length} bytes is too long`);
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE((length | 0x80000000) >>> 0, 0);
  return buffer;
}

// Decode a complete name-value pair block back into [name, value] entries, in order.
export function decodeNameValuePairs(content: Buffer): [string, string][] {
  const pairs: [string, string][] = [];
  let offset = 0;
  const readLength = (): number => {
    const first = content[offset];
    if (first === undefined) throw new Error('FastCGI name-value pairs end inside a length');
    if (first < 0x80) {
      offset += 1;
      return first;
    }
    if (offset + 4 > content.length) throw new Error('FastCGI name-value pairs end inside a 4-byte length');
    const length = content.readUInt32BE(offset) & 0x7fffffff;
    offset += 4;
    return length;
  };
  while (offset < content.length) {
    const nameLength = readLength();
    const valueLength = readLength();
    if (offset + nameLength + valueLength > content.length) {
      throw new Error('FastCGI name-value pairs end inside a name or value');
    }
    const name = content.toString('utf8', offset, offset + nameLength);
    offset += nameLength;
    const value = content.toString('utf8', offset, offset + valueLength);
    offset += valueLength;
    pairs.push([name, value]);
  }
  return pairs;
}

// Create a parser that takes TCP chunks in arrival order and returns the records completed so far.
export function createRecordParser(): (chunk: Buffer) => FastcgiRecord[] {
  // TCP may split a record anywhere, even inside its header, so keep the unparsed tail between chunks.
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const records: FastcgiRecord[] = [];
    while (pending.length >= FCGI_HEADER_LENGTH) {
      const version = pending.readUInt8(0);
      if (version !== FCGI_VERSION_1) {
        throw new Error(`FastCGI record has version ${version}; expected ${FCGI_VERSION_1}. Is the port serving FastCGI?`);
      }
      const contentLength = pending.readUInt16BE(4);
      const recordLength = FCGI_HEADER_LENGTH + contentLength + pending.readUInt8(6);
      if (pending.length < recordLength) break;
      records.push({
        type: pending.readUInt8(1),
        requestId: pending.readUInt16BE(2),
        // Copy so a record does not pin the whole chunk it arrived in.
        content: Buffer.from(pending.subarray(FCGI_HEADER_LENGTH, FCGI_HEADER_LENGTH + contentLength)),
      });
      pending = pending.subarray(recordLength);
    }
    return records;
  };
}
