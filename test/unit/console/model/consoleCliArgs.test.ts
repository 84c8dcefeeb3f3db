import * as assert from 'node:assert/strict';
import { cliConnection, UsageError } from '../../../../src/cluster/model/cliConnection';
import { parseCliArgs } from '../../../../src/console/model/consoleCliArgs';

describe('consoleCliArgs', () => {
  it('reads the headless console\'s options, secrets from the environment too', () => {
    const options = parseCliArgs(['--url', 'http://127.0.0.1:9200', '--json', '--var', 'INDEX=movies', 'a.es'], { ESDOCS_USER: 'elastic:pa:ss' });
    assert.deepEqual(options.connection.credentials, { method: 'basic', username: 'elastic', password: 'pa:ss' });
    assert.deepEqual(options.variables, { INDEX: 'movies' });
    assert.equal(options.json, true);
    assert.equal(cliConnection(options.connection, 'console').username, 'elastic');
    assert.equal(parseCliArgs(['--url', 'u', '--timeout', '5', '--insecure', 'a.es'], {}).connection.timeoutMs, 5);
    assert.throws(() => parseCliArgs(['--url', 'u', '--timeout', 'x', 'a.es'], {}), /milliseconds/);
    assert.throws(() => parseCliArgs(['a.es'], {}), UsageError, 'sending needs --url');
    assert.equal(parseCliArgs(['--check', 'a.es'], {}).check, true);
    assert.throws(() => parseCliArgs(['--url', 'x', '--nope', 'a.es'], {}), /unknown option --nope/);
  });
});
