import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('serialises primitives as JSON does', () => {
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(null)).toBe('null');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
