import { strict as assert } from 'node:assert';
import { murmur3HashString } from '../../server/engine/murmur3';
import { defaultRoutingShards, shardForRouting } from '../../server/engine/routing';

describe('murmur3 routing', () => {
  it('matches Elasticsearch Murmur3HashFunctionTests known values', () => {
    const known: [number, string][] = [
      [0x5a0cb7c3, 'hell'],
      [0xd7c31989, 'hello'],
      [0x22ab2984, 'hello w'],
      [0xdf0ca123, 'hello wo'],
      [0xe7744d61, 'hello wor'],
      [0xe07db09c, 'The quick brown fox jumps over the lazy dog'],
      [0x4e63d2ad, 'The quick brown fox jumps over the lazy cog'],
    ];
    for (const [expected, input] of known) assert.equal(murmur3HashString(input), expected | 0, input);
  });

  it('derives the default number of routing shards like calculateNumRoutingShards', () => {
    assert.equal(defaultRoutingShards(1), 1024);
    assert.equal(defaultRoutingShards(2), 1024);
    assert.equal(defaultRoutingShards(3), 768);
    assert.equal(defaultRoutingShards(5), 640);
    assert.equal(defaultRoutingShards(1000), 2000);
  });

  it('places routing values on shards by floorMod(hash, routing shards) / factor', () => {
    // hash("1") = floorMod(murmur3("1"), 5) -> shard 3 of 5 with number_of_routing_shards 5
    assert.equal(shardForRouting('1', 5, 5), ((((murmur3HashString('1') % 5) + 5) % 5) / 1) | 0);
    assert.notEqual(shardForRouting('4', 5, 640), shardForRouting('5', 5, 640));
    for (let i = 0; i < 200; i++) {
      const s = shardForRouting(`id-${i}`, 3, 768);
      assert.ok(s >= 0 && s < 3);
    }
  });
});
