import type { ValueMap } from '../template-types';
import {
  checkExpression,
  collectReferences,
  evaluateSource,
  expandKeyPattern,
  ExpressionSyntaxError,
  matchesKeyPattern,
  parseExpression,
  type EvaluationContext,
  type ValueKind,
} from './expression';

const KEYS = [
  'a',
  'b',
  'c',
  'name',
  'opened_on',
  'learners.g10.total',
  'learners.g10.female',
  'learners.g11.total',
  'learners.g11.female',
  'population.15_25.total',
  'population.15_35.total',
];

function run(source: string, values: ValueMap = {}, extra: Partial<EvaluationContext> = {}) {
  return evaluateSource(source, { values, keys: KEYS, ...extra });
}

function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for "${source}"`);
}

describe('expression parser and evaluator', () => {
  describe('precedence and associativity', () => {
    it('applies * / before + -, left to right, with unary minus binding tightest', () => {
      const sources = ['1 + 2 * 3', '(1 + 2) * 3', '10 - 4 - 3', '8 / 4 / 2', '-2 * 3 + 10', '- (2 + 3)', '2 * -3'];
      expect(sources.map((source) => run(source))).toEqual([7, 9, 3, 1, 4, -5, -6]);
    });

    it('binds && tighter than || so true || false && false is true', () => {
      expect(run('true || false && false')).toBe(true);
      expect(run('(true || false) && false')).toBe(false);
    });

    it('binds comparison tighter than && and arithmetic tighter than comparison', () => {
      expect(run('1 + 2 > 2 && 0 < 1')).toBe(true);
      expect(run('a + b == c', { a: 1, b: 2, c: 3 })).toBe(true);
    });

    it('applies ! to the comparison result when parenthesised and to the operand otherwise', () => {
      expect(run('!(a > 1)', { a: 5 })).toBe(false);
      expect(run('!a', { a: 0 })).toBe(true);
    });
  });

  describe('values and comparisons', () => {
    it('treats empty values as 0 in arithmetic', () => {
      expect(run('a + 1', { a: null })).toBe(1);
      expect(run('a + b', {})).toBe(0);
      expect(run('a == 0', { a: '' })).toBe(true);
    });

    it('compares floating point numbers with a 1e-9 tolerance', () => {
      expect(run('0.1 + 0.2 == 0.3')).toBe(true);
      expect(run('0.1 + 0.2 <= 0.3')).toBe(true);
      expect(run('0.3 >= 0.1 + 0.2')).toBe(true);
      expect(run('a == b', { a: 1, b: 1 + 1e-10 })).toBe(true);
      expect(run('a < b', { a: 1, b: 1 + 1e-10 })).toBe(false);
      expect(run('a < b', { a: 1, b: 1 + 1e-8 })).toBe(true);
      expect(run('a != b', { a: 1, b: 1.000001 })).toBe(true);
    });

    it('scales the tolerance for large sums of decimals', () => {
      expect(run('a + b == c', { a: 12345678.1, b: 0.2, c: 12345678.3 })).toBe(true);
      expect(run('a + b == c', { a: 12345678.1, b: 0.2, c: 12345678.4 })).toBe(false);
    });

    it('compares text (and so ISO dates) lexicographically', () => {
      expect(run("opened_on < '2024-02-01'", { opened_on: '2024-01-05' })).toBe(true);
      expect(run("name == 'ACTIVE'", { name: 'ACTIVE' })).toBe(true);
      expect(run("name == 'ACTIVE'", { name: 'SUSPENDED' })).toBe(false);
    });

    it('reads booleans as 1 and 0 in arithmetic', () => {
      expect(run('a + b', { a: true, b: false })).toBe(1);
    });

    it('yields null (cannot judge) for a division by zero, and null propagates', () => {
      expect(run('a / b', { a: 5, b: 0 })).toBeNull();
      expect(run('a / b > 1', { a: 5, b: 0 })).toBeNull();
    });

    it('uses three-valued logic so a decided && or || ignores a null side', () => {
      expect(run('false && a / b > 1', { a: 1, b: 0 })).toBe(false);
      expect(run('true || a / b > 1', { a: 1, b: 0 })).toBe(true);
      expect(run('true && a / b > 1', { a: 1, b: 0 })).toBeNull();
      expect(run('false || a / b > 1', { a: 1, b: 0 })).toBeNull();
    });

    it('reads a numeric string as a number and a non-numeric one in a number key as null', () => {
      const kinds = new Map<string, ValueKind>([['a', 'number']]);
      expect(run('a + 1', { a: '41' }, { kinds })).toBe(42);
      expect(run('a + 1', { a: 'forty' }, { kinds })).toBeNull();
    });
  });

  describe('functions', () => {
    const grid: ValueMap = {
      'learners.g10.total': 30,
      'learners.g10.female': 12,
      'learners.g11.total': 25,
      'learners.g11.female': null,
    };

    it('sums a wildcard pattern, where * matches exactly one segment', () => {
      expect(run('sum(learners.*.total)', grid)).toBe(55);
      expect(run('sum(learners.g10.*)', grid)).toBe(42);
      expect(run('sum(learners.*.*)', grid)).toBe(67);
      expect(run('sum(a, b, 3)', { a: 1, b: 2 })).toBe(6);
    });

    it('matches patterns segment by segment', () => {
      expect(matchesKeyPattern('learners.*.total', 'learners.g10.total')).toBe(true);
      expect(matchesKeyPattern('learners.*', 'learners.g10.total')).toBe(false);
      expect(matchesKeyPattern('*.g10.total', 'learners.g10.total')).toBe(true);
      expect(expandKeyPattern('population.*.total', KEYS)).toEqual(['population.15_25.total', 'population.15_35.total']);
    });

    it('counts non-empty keys and tells whether any is present', () => {
      expect(run('count_nonempty(learners.*.female)', grid)).toBe(1);
      expect(run('present(learners.g11.female)', grid)).toBe(false);
      expect(run('present(a)', { a: 0 })).toBe(true);
    });

    it('computes abs, min, max and a lazy if', () => {
      expect(run('abs(a - b)', { a: 3, b: 10 })).toBe(7);
      expect(run('min(learners.*.total)', grid)).toBe(25);
      expect(run('max(a, b)', { a: 3, b: 10 })).toBe(10);
      expect(run('if(a > 0, 1, 2)', { a: 5 })).toBe(1);
      expect(run('if(a > 0, 1, 2)', { a: 0 })).toBe(2);
      expect(run('if(true, 1, a / b)', { a: 1, b: 0 })).toBe(1);
    });

    it('reads prev() from the previous report and yields null without one', () => {
      expect(run('prev(a)', { a: 10 })).toBeNull();
      expect(run('prev(a)', { a: 10 }, { previous: { a: 7 } })).toBe(7);
      expect(run('a - prev(a)', { a: 10 }, { previous: { a: 7 } })).toBe(3);
      expect(run('prev(sum(learners.*.total))', {}, { previous: grid })).toBe(55);
    });

    it('yields null from prev() when the previous report left the keys blank', () => {
      expect(run('prev(a)', { a: 10 }, { previous: { a: null, b: 4 } })).toBeNull();
      expect(run('prev(a)', { a: 10 }, { previous: { a: 0 } })).toBe(0);
    });

    it('returns the reporting period bounds, or null without a period', () => {
      const period = { start: '2024-07-01', end: '2024-09-30' };
      expect(run('period_end()', {}, { period })).toBe('2024-09-30');
      expect(run("opened_on <= period_end()", { opened_on: '2024-08-01' }, { period })).toBe(true);
      expect(run('period_start()')).toBeNull();
    });
  });

  describe('syntax errors', () => {
    it('reports a missing operand with its position', () => {
      const error = syntaxError('a + ');
      expect(error.position).toBe(4);
      expect(error.message).toBe('Expected a value but found end of expression at character 5 in "a + "');
      expect(error.messageVi).toContain('tại ký tự thứ 5');
    });

    it('reports an unclosed parenthesis', () => {
      const error = syntaxError('sum(a, b');
      expect(error.message).toContain("Expected ')'");
      expect(error.position).toBe(8);
    });

    it('reports a stray closing parenthesis', () => {
      expect(syntaxError('a + b)').position).toBe(5);
    });

    it('rejects malformed tokens with a message and the position of the culprit', () => {
      const cases: [string, string, number][] = [
        ['a = b', "Use '=='", 2],
        ['a & b', "Use '&&'", 2],
        ['a | b', "Use '||'", 2],
        ['a # b', "Unexpected character '#'", 2],
        ["name == 'open", 'Unterminated text literal', 8],
        ['1a', "Unexpected 'a' after number", 1],
        ['a. + 1', 'Incomplete key', 1],
        ['learners.*x.total', 'whole key segment', 10],
        ['', 'Empty expression', 0],
      ];
      const found = cases.map(([source]) => syntaxError(source));
      expect(found.map((error) => error.position)).toEqual(cases.map(([, , position]) => position));
      found.forEach((error, index) => expect(error.message).toContain(cases[index][1]));
    });

    it('refuses chained comparisons instead of silently comparing a boolean', () => {
      expect(syntaxError('a <= b <= c').message).toContain('cannot be chained');
      expect(syntaxError('a == b == c').message).toContain('cannot be chained');
      expect(run('a <= b && b <= c', { a: 1, b: 2, c: 3 })).toBe(true);
    });

    it('refuses unknown functions and wrong argument counts', () => {
      expect(syntaxError('avg(a)').message).toContain("Unknown function 'avg'");
      expect(syntaxError('abs(a, b)').message).toContain('abs() takes 1 argument(s), got 2');
      expect(syntaxError('if(a, b)').message).toContain('if() takes 3 argument(s)');
      expect(syntaxError('sum()').message).toContain('at least 1');
    });

    it('refuses a wildcard pattern outside an aggregating function', () => {
      expect(syntaxError('learners.*.total > 0').message).toContain('may only be used inside sum()');
      expect(syntaxError('abs(learners.*.total)').message).toContain('may only be used inside');
    });

    it('refuses nested prev() and non-key arguments to count_nonempty()', () => {
      expect(syntaxError('prev(prev(a))').message).toContain('cannot be nested');
      expect(syntaxError('count_nonempty(a + 1)').message).toContain('value keys or key patterns only');
    });
  });

  describe('static checking and references', () => {
    const kinds = new Map<string, ValueKind>([
      ['a', 'number'],
      ['b', 'number'],
      ['c', 'number'],
      ['name', 'text'],
      ['opened_on', 'text'],
      ['learners.g10.total', 'number'],
    ]);

    it('reports an unknown key with its position', () => {
      const { problems } = checkExpression(parseExpression('a + exam_certifed'), KEYS, kinds);
      expect(problems).toEqual([expect.objectContaining({ position: 4, messageEn: "Unknown key 'exam_certifed'" })]);
    });

    it('reports a pattern that matches no key', () => {
      const { problems } = checkExpression(parseExpression('sum(learners.*.male) > 0'), KEYS, kinds);
      expect(problems[0].messageEn).toContain('matches no field');
    });

    it('reports text used in arithmetic or compared with a number', () => {
      expect(checkExpression(parseExpression('name + 1 > 0'), KEYS, kinds).problems[0].messageEn).toContain("with '+'");
      expect(checkExpression(parseExpression('name > 3'), KEYS, kinds).problems[0].messageEn).toContain('Cannot compare');
      expect(checkExpression(parseExpression("opened_on <= '2024-01-01'"), KEYS, kinds).problems).toEqual([]);
    });

    it('infers the result type of a rule', () => {
      expect(checkExpression(parseExpression('a <= b'), KEYS, kinds).type).toBe('boolean');
      expect(checkExpression(parseExpression('a + b'), KEYS, kinds).type).toBe('number');
    });

    it('separates keys read from the current report and from the previous one', () => {
      const references = collectReferences(parseExpression('abs(a - prev(a + b)) <= 0.5 * prev(sum(learners.*.total))'));
      expect(references.current).toEqual(['a']);
      expect(references.previous).toEqual(['a', 'b', 'learners.*.total']);
    });
  });
});
