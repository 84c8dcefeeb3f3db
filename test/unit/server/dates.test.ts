import * as assert from 'node:assert/strict';
import { dateMillis, dateNanos, printDate } from '../../server/engine/dates';

describe('The test server\'s dates, as Elasticsearch reads and prints them', () => {
  it('reads a field\'s formats in order, a zone in the text, and UTC without one', () => {
    assert.equal(dateMillis('2014-01-01T10:00:00', undefined), Date.UTC(2014, 0, 1, 10), 'no zone: UTC, whatever the machine\'s zone');
    assert.equal(dateMillis('2014-01-01T09:30:00+02:00', undefined), Date.UTC(2014, 0, 1, 7, 30));
    assert.equal(dateMillis('2014-01-01 10:00:00', 'yyyy-MM-dd HH:mm:ss||strict_date_optional_time'), Date.UTC(2014, 0, 1, 10));
    assert.equal(dateMillis('01/02/2014 10:30', 'dd/MM/yyyy HH:mm'), Date.UTC(2014, 1, 1, 10, 30));
    assert.equal(dateMillis('1388570400001', undefined), 1388570400001, 'epoch_millis, the default\'s second format');
    assert.equal(dateMillis('2014-02-30', 'strict_date'), undefined, 'no such day');
  });

  it('keeps nanoseconds exact and prints them as the _nanos formats do', () => {
    assert.equal(dateNanos('2026-12-07T00:00:00.000000001Z', undefined), 1796601600000000001n);
    assert.equal(printDate(1796601600000000001n, 'strict_date_optional_time_nanos'), '2026-12-07T00:00:00.000000001Z');
    assert.equal(printDate(1796601600500000000n, 'strict_date_optional_time_nanos'), '2026-12-07T00:00:00.500Z', 'three to nine digits');
    assert.equal(printDate(1796601600000000001n, 'strict_date_optional_time'), '2026-12-07T00:00:00.000Z');
    assert.equal(printDate(1796601600000000001n, 'epoch_millis'), '1796601600000');
  });
});
