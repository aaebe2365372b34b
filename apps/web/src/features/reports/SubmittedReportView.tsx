import { useMemo } from 'react';
import { Tag } from 'antd';
import {
  deriveComputedValues,
  formatValue,
  gridCellKey,
  isEmptyValue,
  type FieldDef,
  type FieldValue,
  type GridDef,
  type SectionDef,
  type TemplateDefinition,
  type ValidationIssue,
  type ValueMap,
} from '@gdtx/domain';
import { useI18n, type MessageKey } from '../../i18n';
import type { SubmissionDetail } from '../../gql/reporting';
import { IssueList, ReturnedComment, ReviewCommentBox, inputIdOf, sectionIdOf } from './ReportFields';

export interface SubmittedReportViewProps {
  template: TemplateDefinition;
  submission: SubmissionDetail;
  values: ValueMap;
  explanations: Record<string, string>;
  /** Reviewer comments of the last return, per value key (shown under their row). */
  returnedComments: Record<string, string>;
  /** Review mode: the engine's issues by the field they are shown at, and a comment per field. */
  messagesByField?: Record<string, ValidationIssue[]>;
  reviewComments?: Record<string, string>;
  onReviewComment?(key: string, text: string): void;
}

/**
 * A report that is not being edited (submitted, accepted, or opened by its reviewer) read as a document: numbered
 * sections with headings, label/value rows formatted the Vietnamese way (2.279; 99,6 %; 15/06/2024) with their units,
 * the centre's explanations and the reviewer's comments; no greyed inputs. It prints cleanly (styles.css @media print).
 * A reviewer keeps the engine's findings next to their rows and a comment link per row, shown on the row in focus
 * (or under the pointer) rather than under every field. Value elements keep the form's ids (inputIdOf), so the
 * issue summary's links still take the focus to them.
 */
export function SubmittedReportView(props: SubmittedReportViewProps) {
  const { t, pick, periodLabel, formatDate } = useI18n();
  const { template, submission } = props;
  // Stored values already hold the computed fields; deriving again only matters for a report stored before its
  // template version had them, which by construction keeps what it stored (the template version decides).
  const values = useMemo(() => deriveComputedValues(template, props.values), [template, props.values]);
  const explanationsByField = useMemo(() => {
    const byField: Record<string, string[]> = {};
    for (const [ruleCode, text] of Object.entries(props.explanations)) {
      const rule = template.rules.find((r) => r.code === ruleCode);
      if (!text.trim() || !rule) continue;
      (byField[rule.fields[0] ?? ''] ??= []).push(text.trim());
    }
    return byField;
  }, [template, props.explanations]);
  const reviewing = props.onReviewComment !== undefined;
  const lastVersion = submission.versions[submission.versions.length - 1];

  return (
    <article className="report-document" data-testid="report-document" aria-labelledby="report-document-title">
      <header className="doc-header">
        <h2 id="report-document-title" className="doc-title">{pick(template.nameVi, template.nameEn)}</h2>
        <dl className="doc-meta">
          <div><dt>{t('doc.centre')}</dt><dd>{submission.centreName}</dd></div>
          <div><dt>{t('doc.period')}</dt><dd>{periodLabel(submission.periodCode)}</dd></div>
          <div><dt>{t('doc.template')}</dt><dd>{t('doc.templateVersion', { code: template.code, version: template.version })}</dd></div>
          <div><dt>{t('doc.status')}</dt><dd data-testid="doc-status">{t(`status.${submission.status}` as MessageKey)}</dd></div>
          {lastVersion && (
            <div>
              <dt>{t('doc.submitted')}</dt>
              <dd>{t('form.submissionNo', { n: submission.versions.length })}{lastVersion.submittedAt ? ` · ${formatDate(lastVersion.submittedAt)}` : ''}</dd>
            </div>
          )}
        </dl>
      </header>
      {template.sections.map((section, i) => (
        <DocumentSection
          key={section.code}
          {...props}
          number={i + 1}
          section={section}
          values={values}
          explanationsByField={explanationsByField}
          reviewing={reviewing}
        />
      ))}
    </article>
  );
}

/** What every row of the document needs: the view's props with the derived values. */
type RowContext = SubmittedReportViewProps & { values: ValueMap; explanationsByField: Record<string, string[]>; reviewing: boolean };

function DocumentSection({ number, section, ...props }: RowContext & { number: number; section: SectionDef }) {
  const { pick } = useI18n();
  const headingId = `${sectionIdOf(section.code)}-title`;
  return (
    <section className="doc-section" id={sectionIdOf(section.code)} data-section={section.code} aria-labelledby={headingId}>
      <h3 id={headingId} className="doc-section-title">{number}. {pick(section.titleVi, section.titleEn)}</h3>
      {section.fields.length > 0 && (
        <dl className="doc-fields">
          {section.fields.map((field) => <DocumentRow key={field.code} field={field} {...props} />)}
        </dl>
      )}
      {(section.grids ?? []).map((grid) => <DocumentGrid key={grid.code} grid={grid} {...props} />)}
    </section>
  );
}

/** The text of a value as a reader expects it: Vietnamese numbers and dates, choice labels, Có/Không. */
function useDisplay() {
  const { t, pick, language } = useI18n();
  return (field: Pick<FieldDef, 'type' | 'choices' | 'unit'>, value: FieldValue | undefined): { text: string; empty: boolean } => {
    if (isEmptyValue(value ?? null)) return { text: '—', empty: true };
    if (field.type === 'boolean') return { text: value ? t('form.yes') : t('form.no'), empty: false };
    if (field.type === 'choice') {
      const choice = field.choices?.find((c) => c.value === value);
      return { text: choice ? pick(choice.labelVi, choice.labelEn) : String(value), empty: false };
    }
    // Dates are dd/mm/yyyy in both languages on screen, as everywhere else in the web app.
    if (field.type === 'date' && typeof value === 'string') return { text: formatValue(value, 'vi'), empty: false };
    if (field.type === 'text') return { text: String(value), empty: false };
    return { text: formatValue(value, language), empty: false };
  };
}

/** Explanations, findings and the last return's comment of one row (or one grid), under it. */
function RowExtras({ fieldKey, as: Element = 'dd', ...props }: RowContext & { fieldKey: string; as?: 'dd' | 'div' }) {
  const { t } = useI18n();
  const explanations = props.explanationsByField[fieldKey] ?? [];
  const issues = props.messagesByField?.[fieldKey];
  const returned = props.returnedComments[fieldKey];
  if (!explanations.length && !issues?.length && !returned) return null;
  return (
    <Element className="doc-extra">
      {explanations.map((text) => (
        <div key={text} className="doc-explanation" data-testid="doc-explanation"><strong>{t('form.explain')}:</strong> {text}</div>
      ))}
      <IssueList issues={issues} explanations={{}} readOnly onExplain={() => undefined} />
      <ReturnedComment text={returned} />
    </Element>
  );
}

/**
 * The reviewer's "Ghi ý kiến" link of a row, in a narrow third column: it shows on the row in focus or under the
 * pointer (always on touch screens), and an open comment box takes the row's full width (styles.css .doc-review).
 */
function ReviewLink({ fieldKey, label, as: Element = 'dd', ...props }: RowContext & { fieldKey: string; label: string; as?: 'dd' | 'div' }) {
  if (!props.reviewing) return null;
  return (
    <Element className="doc-review">
      <ReviewCommentBox fieldKey={fieldKey} label={label} value={props.reviewComments?.[fieldKey]} onChange={props.onReviewComment} />
    </Element>
  );
}

function DocumentRow({ field, ...props }: RowContext & { field: FieldDef }) {
  const { t, pick } = useI18n();
  const display = useDisplay();
  const label = pick(field.labelVi, field.labelEn);
  const { text, empty } = display(field, props.values[field.code]);
  return (
    <div className={`doc-row${props.reviewing ? ' is-reviewing' : ''}`} data-field={field.code}>
      <dt>
        {label}
        {field.computed && <Tag className="computed-tag" bordered={false}>{t('form.computed')}</Tag>}
      </dt>
      <dd
        id={inputIdOf(field.code)}
        tabIndex={-1}
        className={`doc-value doc-value-${field.type}${empty ? ' is-empty' : ''}`}
        data-testid={`doc-value-${field.code}`}
      >
        {text}
        {!empty && field.unit && field.type !== 'percent' ? <span className="doc-unit"> {field.unit}</span> : null}
        {!empty && field.type === 'percent' ? <span className="doc-unit">&nbsp;%</span> : null}
      </dd>
      <ReviewLink fieldKey={field.code} label={label} {...props} />
      <RowExtras fieldKey={field.code} {...props} />
    </div>
  );
}

function DocumentGrid({ grid, ...props }: RowContext & { grid: GridDef }) {
  const { pick } = useI18n();
  const display = useDisplay();
  const label = pick(grid.labelVi, grid.labelEn);
  const cellKeys = grid.rows.flatMap((row) => grid.columns.map((column) => gridCellKey(grid.code, row.code, column.code)));
  // A grid's findings are shown once under the table, as in the form.
  const seen = new Set<string>();
  const issues = [grid.code, ...cellKeys].flatMap((key) => props.messagesByField?.[key] ?? []).filter((issue) => {
    const id = issue.ruleCode + issue.fields.join();
    return seen.has(id) ? false : (seen.add(id), true);
  });
  const returned = [grid.code, ...cellKeys].filter((key) => props.returnedComments[key]);
  return (
    <div className="doc-grid" data-grid={grid.code}>
      <table className="grid-table doc-grid-table">
        <caption>{label}{grid.unit ? ` (${grid.unit})` : ''}</caption>
        <thead>
          <tr>
            <th scope="col"><span className="sr-only">{label}</span></th>
            {grid.columns.map((column) => <th key={column.code} scope="col">{pick(column.labelVi, column.labelEn)}</th>)}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{pick(row.labelVi, row.labelEn)}</th>
              {grid.columns.map((column) => {
                const key = gridCellKey(grid.code, row.code, column.code);
                const { text, empty } = display({ type: grid.type }, props.values[key]);
                return (
                  <td key={column.code} id={inputIdOf(key)} tabIndex={-1} data-field={key} className={`doc-value${empty ? ' is-empty' : ''}`}>{text}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="doc-row doc-grid-extras" data-field={grid.code}>
        <ReviewLink as="div" fieldKey={grid.code} label={label} {...props} />
        <RowExtras
          as="div"
          fieldKey={grid.code}
          {...props}
          messagesByField={{ [grid.code]: issues }}
          returnedComments={Object.fromEntries(returned.length ? [[grid.code, returned.map((key) => props.returnedComments[key]).join(' · ')]] : [])}
        />
      </div>
    </div>
  );
}
