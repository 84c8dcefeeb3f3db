import * as assert from 'node:assert/strict';
import { dateMathMillis } from '../../server/engine/date-math';

const NOW = Date.UTC(2026, 11, 7, 14, 35, 20, 123);
const down = { roundUp: false, now: NOW };
const up = { roundUp: true, now: NOW };

describe('The test server\'s date math, as Elasticsearch reads a range bound', () => {
  it('reads now, its operations and roundings: a bound that rounds up ends a millisecond before the next unit', () => {
    assert.equal(dateMathMillis('now', down), NOW);
    assert.equal(dateMathMillis('now-1d', down), NOW - 86_400_000);
    assert.equal(dateMathMillis('now/d', down), Date.UTC(2026, 11, 7));
    assert.equal(dateMathMillis('now/d', up), Date.UTC(2026, 11, 8) - 1);
    assert.equal(dateMathMillis('now-1M/M', down), Date.UTC(2026, 10, 1));
    assert.equal(dateMathMillis('now/w', down), Date.UTC(2026, 11, 7), '7 December 2026 is a Monday');
    assert.equal(dateMathMillis('now+2h/h', up), Date.UTC(2026, 11, 7, 17) - 1);
    assert.equal(dateMathMillis('now-1d', up), NOW - 86_400_000, 'an operation without rounding is not rounded up');
  });

  it('reads a date, then || and math; months and years keep the day or take the month\'s last', () => {
    assert.equal(dateMathMillis('2014-11-18||/M', down), Date.UTC(2014, 10, 1));
    assert.equal(dateMathMillis('2014-11-18||/M', up), Date.UTC(2014, 11, 1) - 1);
    assert.equal(dateMathMillis('2014-01-31||+1M', down), Date.UTC(2014, 1, 28));
    assert.equal(dateMathMillis('2016-02-29||+1y', down), Date.UTC(2017, 1, 28));
    assert.equal(dateMathMillis('2014-11-18T10:00:00||+1d-2h', down), Date.UTC(2014, 10, 19, 8));
  });

  it('fills the time of day a rounding-up bound leaves out with its largest values, but not before math', () => {
    assert.equal(dateMathMillis('2014-11-18', up), Date.UTC(2014, 10, 18, 23, 59, 59, 999));
    assert.equal(dateMathMillis('2014-11', up), Date.UTC(2014, 10, 1, 23, 59, 59, 999), 'the day stays 1, as the engine\'s round-up parser has it');
    assert.equal(dateMathMillis('2014-11-18', down), Date.UTC(2014, 10, 18));
    assert.equal(dateMathMillis('2014-11-18||+1d', up), Date.UTC(2014, 10, 19));
    assert.equal(dateMathMillis(1416268800000, up), 1416268800000, 'a number is epoch milliseconds');
  });

  it('reads a date without a zone, and rounds, in the time zone; a zone in the text wins', () => {
    assert.equal(dateMathMillis('2014-11-18T10:00:00', { ...down, timeZone: '+01:00' }), Date.UTC(2014, 10, 18, 9));
    assert.equal(dateMathMillis('2014-11-18T10:00:00Z', { ...down, timeZone: '+01:00' }), Date.UTC(2014, 10, 18, 10));
    assert.equal(dateMathMillis('now/d', { ...down, timeZone: '-05:00' }), Date.UTC(2026, 11, 7, 5));
    assert.equal(dateMathMillis('2014-07-01T12:00:00', { ...down, timeZone: 'Europe/Paris' }), Date.UTC(2014, 6, 1, 10), 'summer time');
    assert.equal(dateMathMillis('2014-12-01T12:00:00', { ...down, timeZone: 'Europe/Paris' }), Date.UTC(2014, 11, 1, 11));
  });

  it('reads the query\'s format, and answers 400 for what it cannot read', () => {
    assert.equal(dateMathMillis('18/11/2014', { ...down, format: 'dd/MM/yyyy' }), Date.UTC(2014, 10, 18));
    assert.throws(() => dateMathMillis('soon', down), (error: { status: number; type: string; reason: string }) => error.status === 400 && error.type === 'parse_exception' && error.reason.startsWith('failed to parse date field [soon] with format [strict_date_optional_time||epoch_millis]'));
    assert.throws(() => dateMathMillis('now/2d', down), /rounding `\/` can only be used on single unit types/);
    assert.throws(() => dateMathMillis('now+1x', down), /unit \[x\] not supported/);
    assert.throws(() => dateMathMillis('now', { ...down, timeZone: 'Mars/Olympus' }), /Unknown time-zone ID: Mars\/Olympus/);
  });
});
