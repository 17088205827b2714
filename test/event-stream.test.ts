import { expect } from '@open-wc/testing';
import { readEventStream, type StreamEvent } from '../src/data/adapters/event-stream.js';

/** A body that arrives in these chunks, in order, then ends (or stays open when `end` is false). */
function body(chunks: string[], end = true): ReadableStream<Uint8Array> {
  const bytes = chunks.map((chunk) => new TextEncoder().encode(chunk));
  return new ReadableStream({
    pull(controller) {
      const next = bytes.shift();
      if (next) controller.enqueue(next);
      else if (end) controller.close();
    },
  });
}

async function events(chunks: string[]): Promise<StreamEvent[]> {
  const got: StreamEvent[] = [];
  await readEventStream(body(chunks), new AbortController().signal, 5000, (event) => got.push(event));
  return got;
}

describe('readEventStream (the change feed’s text/event-stream)', () => {
  it('reads named events with ids, and data over several lines', async () => {
    expect(await events(['event: change\nid: 7\ndata: {"a":1}\n\n', 'data: one\ndata: two\n\n'])).to.deep.equal([
      { type: 'change', data: '{"a":1}', id: '7' },
      { type: '', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('takes CRLF, LF and CR line ends, also a CRLF split between two chunks', async () => {
    expect(await events(['data: a\r\n\r', '\ndata: b\r\rdata: c\n\n'])).to.deep.equal([
      { type: '', data: 'a', id: undefined },
      { type: '', data: 'b', id: undefined },
      { type: '', data: 'c', id: undefined },
    ]);
    // Read as a CR and then an empty line, the split would end the event after its first line.
    expect(await events(['data: one\r', '\ndata: two\r\n\r\n'])).to.deep.equal([{ type: '', data: 'one\ntwo', id: undefined }]);
  });

  it('skips comments, keeps a value’s spaces after the first, and ignores an id holding NUL', async () => {
    expect(await events([': keep-alive\n\n', 'data:  two spaces\nid: 3\0\n\n', 'id: 4\n\n'])).to.deep.equal([
      { type: '', data: ' two spaces', id: undefined },
      { type: '', data: '', id: '4' },
    ]);
  });

  it('drops an event the end of the stream cut off', async () => {
    expect(await events(['data: whole\n\n', 'data: cut'])).to.deep.equal([{ type: '', data: 'whole', id: undefined }]);
  });

  it('gives up on a stream that goes quiet, and stops quietly once aborted', async () => {
    const quiet = readEventStream(body(['data: first\n\n'], false), new AbortController().signal, 50, () => {});
    let error: unknown;
    await quiet.catch((e: unknown) => (error = e));
    expect(String(error)).to.include('went quiet');
    const stop = new AbortController();
    const got: StreamEvent[] = [];
    await readEventStream(body(['data: a\n\ndata: b\n\n']), stop.signal, 5000, (event) => {
      got.push(event);
      stop.abort();
    });
    expect(got.map((event) => event.data)).to.deep.equal(['a']);
  });
});
