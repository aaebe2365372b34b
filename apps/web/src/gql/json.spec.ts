import { asTemplateDefinition, asTextMap, asValueMap } from './json';

describe('JSON scalar narrowing', () => {
  it('keeps a values map and treats a missing one as empty', () => {
    expect(asValueMap({ a: 1, b: 'x', c: null })).toEqual({ a: 1, b: 'x', c: null });
    expect(asValueMap(null)).toEqual({});
    expect(() => asValueMap([1, 2])).toThrow(TypeError);
    expect(() => asValueMap('12')).toThrow(TypeError);
  });
  it('keeps only text explanations', () => {
    expect(asTextMap({ R1: 'giải trình', R2: 3 })).toEqual({ R1: 'giải trình' });
    expect(asTextMap(undefined)).toEqual({});
  });
  it('accepts a definition with code and sections only', () => {
    const definition = { code: 'GDTX_SEMESTER', sections: [], rules: [] };
    expect(asTemplateDefinition(definition)).toBe(definition);
    expect(() => asTemplateDefinition({ sections: [] })).toThrow(TypeError);
    expect(() => asTemplateDefinition({ code: 'X' })).toThrow(TypeError);
  });
});
