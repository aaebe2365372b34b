import { Injectable } from '@nestjs/common';
import { compareIsoDates, dueDate } from '@gdtx/domain';
import { audit, enqueueOutbox, Errors, TenantContext, TenantDb } from '@gdtx/platform';
import { assertApplicable, centreRow, ensurePeriod, iso, parsePeriod } from './submission.store';
import { StatusRollupService } from './status-rollup.service';
import { TemplateService } from './template.service';
import type { DeadlineExtension, GrantExtensionInput } from './reporting.types';

/** Deadline extensions: a later due date for one centre, template and period. */
@Injectable()
export class ExtensionService {
  constructor(private readonly db: TenantDb, private readonly templates: TemplateService, private readonly rollup: StatusRollupService) {}

  /** Per-centre extension (recorded and audited); granting again replaces the date, the audit keeps both. */
  async grantExtension(ctx: TenantContext, input: GrantExtensionInput): Promise<DeadlineExtension> {
    const period = parsePeriod(input.periodCode);
    return this.db.run(ctx, async (em) => {
      const centre = await centreRow(em, input.centreId);
      const template = await this.templates.definition(em, ctx, input.templateCode, null);
      assertApplicable(template, centre.type, period);
      const regular = dueDate(period, template.deadline);
      if (compareIsoDates(input.dueDate, regular) <= 0) {
        throw Errors.validation([{
          field: 'dueDate',
          messageVi: `Hạn mới phải sau hạn nộp theo quy định (${regular})`,
          messageEn: `The new due date must be after the regular due date (${regular})`,
        }]);
      }
      await ensurePeriod(em, period);
      const [row] = await em.query(
        `INSERT INTO deadline_extension (province_id, centre_id, template_code, period_code, due_date, reason, granted_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT (centre_id, template_code, period_code)
         DO UPDATE SET due_date = EXCLUDED.due_date, reason = EXCLUDED.reason, granted_by = EXCLUDED.granted_by, granted_at = now()
         RETURNING id, centre_id AS "centreId", template_code AS "templateCode", period_code AS "periodCode",
                   to_char(due_date, 'YYYY-MM-DD') AS "dueDate", reason, granted_by AS "grantedBy", granted_at AS "grantedAt"`,
        [centre.provinceId, centre.id, template.code, period.code, input.dueDate, input.reason.trim(), ctx.userId],
      );
      await audit(em, ctx, {
        provinceId: centre.provinceId, centreId: centre.id, action: 'DEADLINE_EXTENDED', entity: 'deadline_extension', entityId: row.id,
        data: { templateCode: template.code, periodCode: period.code, regularDueDate: regular, dueDate: input.dueDate, reason: input.reason.trim() },
      });
      await enqueueOutbox(em, ctx, {
        topic: 'deadline.extended', payload: { extensionId: row.id }, dedupeKey: `deadline-extension:${row.id}:${row.dueDate}`, provinceId: centre.provinceId, centreId: centre.id,
      });
      // The landing pages' picture moves the report's due date in the same transaction (status-rollup.ts).
      await this.rollup.refreshCentresIn(em, ctx, [centre.id]);
      return { ...row, grantedAt: iso(row.grantedAt)! };
    });
  }
}
