import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { startedTrace } from '../../workflows/tracing';

const header = (carrier: unknown) => ({ '_tracer-data': defaultPayloadConverter.toPayload(carrier) });

describe('workflow tracing', () => {
  it('reads the trace a start carried from its traceparent', () => {
    assert.deepEqual(startedTrace(header({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })), {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
      flags: '01',
    });
  });

  it('finds none without the header, or with a traceparent it cannot read', () => {
    assert.equal(startedTrace({}), undefined);
    assert.equal(startedTrace(header({})), undefined);
    assert.equal(startedTrace(header({ traceparent: '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' })), undefined, 'an unknown version');
    assert.equal(startedTrace(header({ traceparent: '00-0af7651916cd43dd-b7ad6b7169203331-01' })), undefined, 'a short trace id');
  });
});
