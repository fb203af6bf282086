/** Property lookups on the parsed tree: the last of a repeated key wins, however it is looked up. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { propertyLookup, propertyOf, valueOf } from '../../../server/src/service/core/properties';

const TEXT = '{"a": 1, "b": 2, "a": 3, "c": , "d": {"x": 1}, "b": null, "e": "", "c": 4, "f": [1]}';
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'x', 'missing', ''];

describe('properties', () => {
  const root = parseTree(TEXT);

  it('propertyOf and valueOf find the last property of a key', () => {
    assert.equal(valueOf(root, 'a')?.value, 3);
    assert.equal(valueOf(root, 'b')?.type, 'null');
    assert.equal(valueOf(root, 'c')?.value, 4);
    assert.equal(propertyOf(root, 'x'), undefined);
    assert.equal(propertyOf(parseTree('[1]'), 'a'), undefined);
  });

  it('propertyLookup answers as propertyOf, before and after it builds its index', () => {
    for (const node of [root, parseTree('[{"a": 1}]'), parseTree('"s"')]) {
      if (!node) continue;
      const lookup = propertyLookup(node);
      for (let round = 0; round < 3; round++)
        for (const name of NAMES)
          assert.deepEqual(lookup(name), propertyOf(node, name), `${name} (${round})`);
    }
  });
});
