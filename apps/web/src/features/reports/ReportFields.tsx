import { memo, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, DatePicker, Input, InputNumber, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  deriveComputedValues,
  formatNumber,
  gridCellKey,
  indexTemplate,
  valueKeyLabel,
  type FieldDef,
  type FieldValue,
  type GridDef,
  type SectionDef,
  type TemplateDefinition,
  type ValidationIssue,
  type ValueMap,
} from '@gdtx/domain';
import { useI18n } from '../../i18n';

/** Form inputs ids are derived from value keys so issues, comments and tests can point at them. */
export function inputIdOf(key: string): string {
  return `field-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export function sectionIdOf(code: string): string {
  return `section-${code.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** Moves the focus to a value's input (a grid's first cell for a grid-level issue) and brings it into view. */
export function focusField(key: string): void {
  // A grid-level issue: the grid's first input, or its first value in the read-only document view.
  const input = document.getElementById(inputIdOf(key)) ?? document.querySelector<HTMLElement>(`[data-grid="${CSS.escape(key)}"] input, [data-grid="${CSS.escape(key)}"] [tabindex="-1"]`);
  if (!input) return;
  input.scrollIntoView({ block: 'center' });
  input.focus({ preventScroll: true });
}

/** The section holding a value key: a field, a grid cell, or a grid itself (a grid-level issue). */
function sectionOfKey(template: TemplateDefinition, key: string): string | undefined {
  return indexTemplate(template).byKey.get(key)?.section.code ?? template.sections.find((s) => (s.grids ?? []).some((g) => g.code === key))?.code;
}

/**
 * The error summary: each issue (errors first) as a link that takes the focus to its field, so a director on a
 * 4,000-pixel form goes straight to what stops the submission.
 */
export function IssueSummary({ template, issues, limit = 12 }: { template: TemplateDefinition; issues: ValidationIssue[]; limit?: number }) {
  const { pick, t, language } = useI18n();
  if (!issues.length) return null;
  const sorted = [...issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const shown = sorted.slice(0, limit);
  return (
    <ol className="issue-summary" data-testid="issue-summary">
      {shown.map((issue) => {
        const key = issue.fields[0] ?? '';
        return (
          <li key={issue.ruleCode + issue.fields.join()} className={issue.severity === 'error' ? 'is-error' : 'is-warning'}>
            <a
              href={`#${inputIdOf(key)}`}
              onClick={(e) => {
                e.preventDefault();
                focusField(key);
              }}
            >
              {valueKeyLabel(template, key, language)}
            </a>
            {': '}
            {pick(issue.messageVi, issue.messageEn)}
          </li>
        );
      })}
      {sorted.length > shown.length && <li className="issue-summary-more">{t('form.moreIssues', { n: sorted.length - shown.length })}</li>}
    </ol>
  );
}

/** Section navigation: one link per section, with its error count. */
export function SectionNav({ template, issues, direction }: { template: TemplateDefinition; issues: ValidationIssue[]; direction: 'vertical' | 'horizontal' }) {
  const { pick, t } = useI18n();
  const errorsBySection = new Map<string, number>();
  for (const issue of issues) {
    if (issue.severity !== 'error') continue;
    const section = sectionOfKey(template, issue.fields[0] ?? '');
    if (section) errorsBySection.set(section, (errorsBySection.get(section) ?? 0) + 1);
  }
  return (
    <nav aria-label={t('form.sections')} className={`section-nav section-nav-${direction}`} data-testid="section-nav">
      <ol>
        {template.sections.map((section, i) => {
          const errors = errorsBySection.get(section.code) ?? 0;
          return (
            <li key={section.code}>
              <a
                href={`#${sectionIdOf(section.code)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(sectionIdOf(section.code))?.scrollIntoView({ block: 'start' });
                }}
              >
                {direction === 'horizontal' ? `${i + 1}. ` : ''}{pick(section.titleVi, section.titleEn)}
              </a>
              {errors > 0 && <span className="section-nav-errors" aria-label={t('form.errorsCount', { n: errors })}>{errors}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export interface ReportFieldsProps {
  template: TemplateDefinition;
  values: ValueMap;
  /** Issues grouped by every field they name (issuesToFieldMap(..., { allFields: true })). */
  issuesByField: Record<string, ValidationIssue[]>;
  /** Issues grouped by the first field they name: where the message is shown. */
  messagesByField: Record<string, ValidationIssue[]>;
  explanations: Record<string, string>;
  /** Reviewer comments per value key (from the last return). */
  returnedComments: Record<string, string>;
  readOnly: boolean;
  onChange(key: string, value: FieldValue): void;
  onExplain(ruleCode: string, text: string): void;
  /** Review mode: a comment box per field. */
  reviewComments?: Record<string, string>;
  onReviewComment?(key: string, text: string): void;
}

/**
 * The report form body: one card per section, scalar fields then disaggregation grids. Computed fields (rates,
 * totals) are shown read-only with the value the server will derive on save, updated on every keystroke by the
 * same function (libs/domain deriveComputedValues).
 */
export function ReportFields(props: ReportFieldsProps) {
  const values = useMemo(() => deriveComputedValues(props.template, props.values), [props.template, props.values]);
  return (
    <>
      {props.template.sections.map((section) => (
        <SectionCard key={section.code} section={section} {...props} values={values} />
      ))}
    </>
  );
}

function SectionCard({ section, ...props }: ReportFieldsProps & { section: SectionDef }) {
  const { pick } = useI18n();
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{pick(section.titleVi, section.titleEn)}</h2>}
      style={{ marginBottom: 16, scrollMarginTop: 72 }}
      data-section={section.code}
      id={sectionIdOf(section.code)}
    >
      {section.fields.map((field) => (
        <FieldRow
          key={field.code}
          field={field}
          value={props.values[field.code] ?? null}
          issues={props.messagesByField[field.code]}
          highlighted={props.issuesByField[field.code]}
          explanations={props.explanations}
          returnedComment={props.returnedComments[field.code]}
          readOnly={props.readOnly}
          onChange={props.onChange}
          onExplain={props.onExplain}
          reviewComment={props.reviewComments?.[field.code]}
          onReviewComment={props.onReviewComment}
        />
      ))}
      {(section.grids ?? []).map((grid) => (
        <GridTable key={grid.code} grid={grid} {...props} />
      ))}
    </Card>
  );
}

export function IssueList({ issues, explanations, readOnly, onExplain, id }: {
  issues: ValidationIssue[] | undefined;
  explanations: Record<string, string>;
  readOnly: boolean;
  onExplain(ruleCode: string, text: string): void;
  id?: string;
}) {
  const { pick, t } = useI18n();
  if (!issues || issues.length === 0) return null;
  return (
    <div className="field-issue" id={id}>
      {issues.map((issue) => (
        <div key={issue.ruleCode + issue.fields.join()} style={{ marginTop: 4 }}>
          <Alert
            type={issue.severity === 'error' ? 'error' : 'warning'}
            showIcon
            title={pick(issue.messageVi, issue.messageEn)}
            data-testid={`issue-${issue.ruleCode}`}
            style={{ padding: '4px 8px' }}
          />
          {issue.explainable && issue.severity === 'warning' && !readOnly && (
            <Input.TextArea
              aria-label={`${t('form.explain')}: ${pick(issue.messageVi, issue.messageEn)}`}
              placeholder={t('form.explainPlaceholder')}
              autoSize={{ minRows: 1, maxRows: 4 }}
              value={explanations[issue.ruleCode] ?? ''}
              onChange={(e) => onExplain(issue.ruleCode, e.target.value)}
              style={{ marginTop: 4 }}
            />
          )}
        </div>
      ))}
    </div>
  );
}

export function ReturnedComment({ text }: { text: string | undefined }) {
  const { t } = useI18n();
  if (!text) return null;
  return (
    <div className="review-comment" role="note" data-testid="returned-comment">
      <strong>{t('form.reviewerComment')}:</strong> {text}
    </div>
  );
}

/** Review mode: a small "Ghi ý kiến" button per field that opens a comment box, so the form stays readable. */
export function ReviewCommentBox({ fieldKey, label, value, onChange }: { fieldKey: string; label: string; value: string | undefined; onChange?(key: string, text: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!onChange) return null;
  if (!open && !value) {
    return (
      <div className="field-issue">
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setOpen(true)} aria-label={`${t('review.addFieldComment')}: ${label}`} data-testid={`add-comment-${fieldKey}`}>
          {t('review.addFieldComment')}
        </Button>
      </div>
    );
  }
  return (
    <Input
      className="field-issue"
      size="small"
      autoFocus={open && !value}
      aria-label={`${t('review.fieldComment')}: ${label}`}
      placeholder={t('review.fieldComment')}
      value={value ?? ''}
      onChange={(e) => onChange(fieldKey, e.target.value)}
      data-testid={`review-comment-${fieldKey}`}
    />
  );
}

const FieldRow = memo(function FieldRow({ field, value, issues, highlighted, explanations, returnedComment, readOnly, onChange, onExplain, reviewComment, onReviewComment }: {
  field: FieldDef;
  value: FieldValue;
  issues: ValidationIssue[] | undefined;
  highlighted: ValidationIssue[] | undefined;
  explanations: Record<string, string>;
  returnedComment: string | undefined;
  readOnly: boolean;
  onChange(key: string, value: FieldValue): void;
  onExplain(ruleCode: string, text: string): void;
  reviewComment: string | undefined;
  onReviewComment?(key: string, text: string): void;
}) {
  const { pick } = useI18n();
  const id = inputIdOf(field.code);
  const label = pick(field.labelVi, field.labelEn);
  const status = highlighted?.some((i) => i.severity === 'error') ? 'error' : highlighted?.length ? 'warning' : undefined;
  const describedBy = issues?.length ? `${id}-issues` : undefined;
  return (
    <div className="field-row" data-field={field.code}>
      <label htmlFor={id}>
        {label}
        {field.required ? <span aria-hidden="true" style={{ color: '#a8071a' }}> *</span> : null}
        {field.unit ? <Typography.Text type="secondary"> ({field.unit})</Typography.Text> : null}
      </label>
      <div>
        {field.computed
          ? <ComputedValue field={field} id={id} value={value} describedBy={describedBy} />
          : <FieldInput field={field} id={id} value={value} status={status} readOnly={readOnly} describedBy={describedBy} onChange={(v) => onChange(field.code, v)} />}
      </div>
      <IssueList id={describedBy} issues={issues} explanations={explanations} readOnly={readOnly} onExplain={onExplain} />
      <ReturnedComment text={returnedComment} />
      <ReviewCommentBox fieldKey={field.code} label={label} value={reviewComment} onChange={onReviewComment} />
    </div>
  );
});

/**
 * A computed field: read-only text (focusable, so an issue link can still take the focus to it), with a "Tự tính"
 * tag and the formula in words from the template's help text.
 */
function ComputedValue({ field, id, value, describedBy }: { field: FieldDef; id: string; value: FieldValue; describedBy?: string }) {
  const { t, pick, language } = useI18n();
  const helpId = `${id}-help`;
  const help = pick(field.helpVi ?? '', field.helpEn ?? '') || t('form.computedHelp');
  return (
    <>
      <Input
        id={id}
        readOnly
        className="computed-value"
        data-computed="true"
        aria-readonly="true"
        aria-describedby={[helpId, describedBy].filter(Boolean).join(' ')}
        value={typeof value === 'number' ? formatNumber(value, language) : ''}
        placeholder="—"
        suffix={<Tag className="computed-tag" bordered={false}>{t('form.computed')}</Tag>}
      />
      <div id={helpId} className="computed-help">{help}</div>
    </>
  );
}

function toNumberOrNull(v: number | string | null): number | null {
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function FieldInput({ field, id, value, status, readOnly, describedBy, onChange }: {
  field: FieldDef;
  id: string;
  value: FieldValue;
  status: 'error' | 'warning' | undefined;
  readOnly: boolean;
  describedBy?: string;
  onChange(value: FieldValue): void;
}) {
  const { t, pick } = useI18n();
  const common = { id, status, disabled: readOnly, 'aria-describedby': describedBy, 'aria-invalid': status === 'error' ? true : undefined, 'aria-required': field.required || undefined };
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return (
        <InputNumber<number>
          {...common}
          // Phones open the numeric keypad (with a decimal key where the field takes decimals).
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : toNumberOrNull(value as string | null)}
          precision={field.type === 'integer' ? 0 : undefined}
          decimalSeparator=","
          onChange={(v) => onChange(toNumberOrNull(v))}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          allowClear
          style={{ width: '100%' }}
          value={value === null || value === undefined ? undefined : value ? 'yes' : 'no'}
          onChange={(v) => onChange(v === undefined ? null : v === 'yes')}
          options={[{ value: 'yes', label: t('form.yes') }, { value: 'no', label: t('form.no') }]}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          allowClear
          style={{ width: '100%' }}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange(v ?? null)}
          options={(field.choices ?? []).map((c) => ({ value: c.value, label: pick(c.labelVi, c.labelEn) }))}
        />
      );
    case 'date': {
      // dd/mm/yyyy with the Vietnamese calendar, never the browser's native input (mm/dd/yyyy in many locales);
      // the value stays an ISO date.
      const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid() ? dayjs(value) : null;
      return (
        <DatePicker
          {...common}
          format="DD/MM/YYYY"
          placeholder="dd/mm/yyyy"
          style={{ width: '100%' }}
          value={day}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    }
    default:
      return (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={field.maxLength}
          value={(value as string | null) ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      );
  }
}

function GridTable({ grid, values, issuesByField, messagesByField, explanations, returnedComments, readOnly, onChange, onExplain, reviewComments, onReviewComment }: ReportFieldsProps & { grid: GridDef }) {
  const { pick } = useI18n();
  const gridLabel = pick(grid.labelVi, grid.labelEn);
  const cellKeys = grid.rows.flatMap((row) => grid.columns.map((column) => gridCellKey(grid.code, row.code, column.code)));
  const messages: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const key of [grid.code, ...cellKeys]) {
    for (const issue of messagesByField[key] ?? []) {
      const id = issue.ruleCode + issue.fields.join();
      if (!seen.has(id)) {
        seen.add(id);
        messages.push(issue);
      }
    }
  }
  const comments: ReactNode[] = [grid.code, ...cellKeys]
    .filter((key) => returnedComments[key])
    .map((key) => <ReturnedComment key={key} text={returnedComments[key]} />);

  return (
    <div data-grid={grid.code} style={{ overflowX: 'auto' }}>
      <table className="grid-table">
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '8px 0', color: '#1f1f1f' }}>
          {gridLabel}{grid.unit ? ` (${grid.unit})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden" style={{ position: 'absolute', left: -9999 }}>{gridLabel}</span></th>
            {grid.columns.map((column) => <th key={column.code} scope="col">{pick(column.labelVi, column.labelEn)}</th>)}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{pick(row.labelVi, row.labelEn)}</th>
              {grid.columns.map((column) => {
                const key = gridCellKey(grid.code, row.code, column.code);
                const cellIssues = issuesByField[key];
                const hasError = cellIssues?.some((i) => i.severity === 'error');
                const value = values[key];
                return (
                  <td key={column.code} className={hasError ? 'has-error' : cellIssues?.length ? 'has-warning' : undefined} data-field={key}>
                    <InputNumber<number>
                      id={inputIdOf(key)}
                      aria-label={`${gridLabel} – ${pick(row.labelVi, row.labelEn)} – ${pick(column.labelVi, column.labelEn)}`}
                      aria-invalid={hasError || undefined}
                      status={hasError ? 'error' : cellIssues?.length ? 'warning' : undefined}
                      disabled={readOnly}
                      size="small"
                      inputMode={grid.type === 'integer' ? 'numeric' : 'decimal'}
                      style={{ width: '100%', minWidth: 72 }}
                      precision={grid.type === 'integer' ? 0 : undefined}
                      decimalSeparator=","
                      value={typeof value === 'number' ? value : toNumberOrNull((value as string | null) ?? null)}
                      onChange={(v) => onChange(key, toNumberOrNull(v))}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <IssueList issues={messages} explanations={explanations} readOnly={readOnly} onExplain={onExplain} />
      {comments}
      <ReviewCommentBox fieldKey={grid.code} label={gridLabel} value={reviewComments?.[grid.code]} onChange={onReviewComment} />
    </div>
  );
}
