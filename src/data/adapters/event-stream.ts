/** One event of a `text/event-stream`: its type ('' when unnamed), its data lines joined, and its id if it had one. */
export type StreamEvent = { type: string; data: string; id: string | undefined };

/**
 * Reads a `text/event-stream` body to its end, calling `received` with each event as it is
 * complete: fields, comments, data over several lines, CRLF, LF or CR line ends, a CRLF split
 * across chunks. Rejects (and cancels the stream) when nothing arrives for `idleMs`; stops
 * quietly once `signal` aborts. An event cut off by the end of the stream is dropped, as
 * EventSource does.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, idleMs: number, received: (event: StreamEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let [buffer, type, data, id] = ['', '', [] as string[], undefined as string | undefined];
  for (;;) {
    const { done, value } = await readOrIdle(reader, idleMs);
    buffer += decoder.decode(value, { stream: !done });
    // A CR at the end may be half of a CRLF split across chunks: keep it for the next one.
    const end = !done && buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/);
    buffer = lines.pop()! + buffer.slice(end);
    for (const line of lines) {
      if (signal.aborted) return;
      if (line === '') {
        if (data.length || id !== undefined) received({ type, data: data.join('\n'), id });
        [type, data, id] = ['', [], undefined];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
      if (field === 'data') data.push(text);
      else if (field === 'event') type = text;
      else if (field === 'id' && !text.includes('\0')) id = text;
    }
    if (done) return;
  }
}

/** The next chunk, or a rejection (and the stream cancelled) when nothing came for `idleMs`. */
function readOrIdle(reader: ReadableStreamDefaultReader<Uint8Array>, idleMs: number): Promise<ReadableStreamReadResult<Uint8Array>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('The change feed went quiet.'));
      void reader.cancel().catch(() => {});
    }, idleMs);
    reader.read().then(
      (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
