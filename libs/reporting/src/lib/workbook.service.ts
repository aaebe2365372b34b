import { Injectable } from '@nestjs/common';
import { TenantContext, TenantDb } from '@gdtx/platform';
import { buildWorkbook, parseWorkbook } from './excel';
import type { CellProblem } from './excel';
import { assertApplicable, centreRow, existingSubmission, parsePeriod } from './submission.store';
import { SubmissionWorkflowService } from './submission-workflow.service';
import { TemplateService } from './template.service';
import type { Submission, ValidationIssueDto } from './reporting.types';

export interface UploadOutcome {
  ok: boolean;
  submission: Submission | null;
  changed: boolean;
  problems: CellProblem[];
  issues: ValidationIssueDto[];
}

/** The Excel round-trip of one report (libs/reporting excel module): download pre-filled, upload as a draft. */
@Injectable()
export class WorkbookService {
  constructor(
    private readonly db: TenantDb,
    private readonly templates: TemplateService,
    private readonly workflow: SubmissionWorkflowService,
  ) {}

  /** A workbook for (centre, template, period), pre-filled with what is saved. */
  async workbook(ctx: TenantContext, centreId: string, templateCode: string, periodCode: string): Promise<{ buffer: Buffer; fileName: string }> {
    const period = parsePeriod(periodCode);
    const { template, centre, existing } = await this.db.run(ctx, async (em) => {
      const centre = await centreRow(em, centreId);
      const existing = await existingSubmission(em, centre.id, templateCode, period.code);
      const template = await this.templates.definition(em, ctx, templateCode, existing?.templateVersion ?? null);
      if (!existing) assertApplicable(template, centre.type, period);
      return { template, centre, existing };
    });
    const buffer = await buildWorkbook(template, existing?.values ?? {}, {
      centreId: centre.id,
      centreName: centre.name,
      templateCode: template.code,
      templateVersion: template.version,
      periodCode: period.code,
      periodLabelVi: period.labelVi,
      submissionVersion: existing?.version ?? null,
      generatedAt: new Date().toISOString(),
    });
    return { buffer, fileName: `${template.code}_${centre.code}_${period.code}.xlsx` };
  }

  /**
   * Parses an uploaded workbook and saves it as a draft. A file with any problem writes nothing and returns
   * every problem with its sheet and cell. The same file twice changes nothing: identical values are not
   * saved again (no new version). Values that differ from a newer save than the one the file was downloaded
   * from are a CONFLICT, as in the web form.
   */
  async uploadWorkbook(
    ctx: TenantContext,
    args: { centreId: string; templateCode: string; periodCode: string; buffer: Buffer },
  ): Promise<UploadOutcome> {
    const period = parsePeriod(args.periodCode);
    const template = await this.db.run(ctx, async (em) => {
      const centre = await centreRow(em, args.centreId);
      const existing = await existingSubmission(em, centre.id, args.templateCode, period.code);
      const template = await this.templates.definition(em, ctx, args.templateCode, existing?.templateVersion ?? null);
      if (!existing) assertApplicable(template, centre.type, period);
      return template;
    });
    const parsed = await parseWorkbook(args.buffer, template, { centreId: args.centreId, templateCode: template.code, periodCode: period.code });
    if (!parsed.ok) return { ok: false, submission: null, changed: false, problems: parsed.errors, issues: [] };
    const result = await this.workflow.saveDraft(
      ctx,
      {
        centreId: args.centreId, templateCode: template.code, periodCode: period.code, values: parsed.values,
        expectedVersion: parsed.meta.submissionVersion,
      },
      { action: 'UPLOADED', identicalWins: true },
    );
    return { ok: true, submission: result.submission, changed: result.changed, problems: [], issues: result.issues };
  }
}
