/**
 * Assessment pieces the pre-event documents share (H1 Assurance Solution, A1 Pre-event Assessment,
 * A2 Service Design): the executive summary with its verdict and severity counts, and the risk
 * inspection from findings or, when none were raised, the inspection checklists' answers.
 */
import type { Finding } from '../../domain/finding';
import { type Block, list, runs, text } from '../model';
import { fill } from '../text';
import { type Ctx, findingsBlock, missing, openFindings, sortedFindings } from './common';
import { readinessVerdict } from './evaluation-sections';

/** Findings raised from a security-kind checklist belong to the security evaluation. */
export function splitFindings(ctx: Ctx): { inspection: Finding[]; security: Finding[] } {
  const securityTemplates = new Set(ctx.input.checklists.filter((c) => c.kind === 'security').map((c) => c.templateId));
  const security = ctx.input.findings.filter((f) => f.templateId !== null && securityTemplates.has(f.templateId));
  return { inspection: ctx.input.findings.filter((f) => !security.includes(f)), security };
}

/**
 * The readiness verdict (go, conditional go, no-go; not yet assessable while the capacity
 * evaluation or stress test the document rests on is not recorded), severity counts, the top five
 * open risks and the customer actions due before the window.
 */
export function executiveSummaryBlocks(ctx: Ctx, needs: { capacity: boolean; stress: boolean }): Block[] {
  const { findings, engagement } = ctx.input;
  const verdict = readinessVerdict(ctx, needs);
  const blocks: Block[] = [
    verdict.assessable ? runs({ text: verdict.text, bold: true }) : { ...missing(ctx, 'noData'), text: verdict.text },
  ];
  if (findings.length === 0) {
    blocks.push(missing(ctx, 'noData'));
    return blocks;
  }
  const summary = findingsBlock(ctx, findings);
  blocks.push({ ...summary, items: [] });
  const top = openFindings(findings).slice(0, 5);
  if (top.length > 0) {
    blocks.push(text(ctx.t.topRisks, 'note'));
    blocks.push(list(top.map((f) => `${ctx.refs.get(f.id)} [${ctx.t.severity[f.severity]}] ${ctx.r(f.title)}`)));
  }
  const windowStart = engagement.eventStartLocal.slice(0, 10);
  const actions = sortedFindings(openFindings(findings).filter((f) => f.dueDate !== null && f.dueDate <= windowStart));
  blocks.push(text(ctx.t.customerActions, 'note'));
  blocks.push(
    actions.length === 0
      ? text(ctx.t.noCustomerActions)
      : list(actions.map((f) => `${ctx.refs.get(f.id)} ${ctx.r(f.recommendation) || ctx.r(f.title)} (${f.dueDate})`)),
  );
  return blocks;
}

/** Findings by severity; with none, the inspection answers that found none, or NB when none were given. */
export function inspectionBlocks(ctx: Ctx, findings: readonly Finding[]): Block[] {
  if (findings.length > 0) return [text(ctx.t.findingsSourcedNote, 'note'), findingsBlock(ctx, findings)];
  const inspection = ctx.input.checklists.filter((c) => c.kind === 'inspection' && c.answered > 0);
  if (inspection.length > 0) {
    const answered = inspection.reduce((n, c) => n + c.answered, 0);
    const total = inspection.reduce((n, c) => n + c.total, 0);
    return [text(fill(ctx.t.noRisksFound, { answered, total }))];
  }
  return [missing(ctx, 'blocking')];
}

/** One line per started checklist of that kind: answered, total and failing. */
export function checklistProgressBlocks(ctx: Ctx, kind: 'inspection' | 'security'): Block[] {
  return ctx.input.checklists
    .filter((c) => c.kind === kind && c.answered > 0)
    .map((c) =>
      text(
        fill(ctx.t.checklistProgress, {
          title: c.title[ctx.lang],
          answered: c.answered,
          total: c.total,
          failed: c.failed,
        }),
      ),
    );
}
