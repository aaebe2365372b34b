/**
 * The rule expression language of report templates (see RuleDef in template-types.ts).
 *
 * A hand-written tokenizer and recursive-descent parser produce an AST; a tree-walking evaluator runs it.
 * Nothing is ever handed to `eval` or `new Function`: templates are edited by the Sở, so an expression is
 * untrusted input and may only read values.
 *
 * Grammar (lowest precedence first):
 *   or         := and ('||' and)*
 *   and        := equality ('&&' equality)*
 *   equality   := relational (('==' | '!=') relational)?      -- not chainable: `a == b == c` is an error
 *   relational := additive (('<' | '<=' | '>' | '>=') additive)? -- not chainable: `a <= b <= c` is an error
 *   additive   := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/') unary)*
 *   unary      := ('!' | '-') unary | primary
 *   primary    := number | 'text' | true | false | key | name '(' args? ')' | '(' or ')'
 *   key        := segment ('.' (segment | '*'))*   -- first segment starts with a letter or '_'
 *
 * Functions:
 *   sum(k, …)            sum of numbers; arguments may be keys, patterns (`learners.*.total`) or expressions
 *   min(k, …) max(k, …)  as sum; null for a pattern that matches nothing
 *   count_nonempty(k, …) how many of the keys (patterns allowed) have a value
 *   present(k, …)        whether any of the keys has a value — `!present(rate) || …` checks a rate only if entered
 *   abs(x)               absolute value
 *   if(c, a, b)          a when c holds, else b (only the chosen branch is evaluated)
 *   prev(x)              x evaluated on the previous period's accepted report; null when there is none or it
 *                        left every key of x blank (so a year-on-year rule is skipped, not failed)
 *   period_start() period_end()  the reporting period's first / last day (ISO text); null when unknown
 * A `*` matches exactly one key segment and may appear only as an argument of sum, min, max, count_nonempty
 * or present.
 *
 * Semantics (why they are what they are):
 *   - An empty current value counts as 0 (false for booleans, '' for text): a centre that leaves a count blank
 *     still gets `certified <= candidates` checked.
 *   - `null` means "cannot be judged": it comes from prev() with no previous report, a division by zero, or a
 *     value of the wrong type. It propagates through arithmetic and comparisons; a rule that ends in null is
 *     skipped rather than reported. `&&` / `||` use three-valued (Kleene) logic, so `false && null` is false.
 *   - Numbers compare with a tolerance of 1e-9, so 0.1 + 0.2 == 0.3. For magnitudes above 1,000 it grows to
 *     1e-12 of the magnitude, because sums of large decimals (million-VND amounts) carry rounding error
 *     bigger than 1e-9. Business tolerances (a rate within ±0.1) are written explicitly with abs().
 *   - Two text values compare lexicographically, which orders ISO dates correctly.
 */
export * from './expression-parser';
export * from './expression-evaluator';
export * from './expression-checker';
