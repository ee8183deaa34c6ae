/**
 * Sections the two acceptance reports share (H3 and A5, DELIVERABLES.md §4–5): project facts, the
 * documents accepted, the outstanding items and the conclusion. Sign-offs and the conclusion are
 * recorded by the sign-off issue; until then those parts print the outline's NB statement.
 */
import { type Block, keyValue, runs, type SectionDraft, table, text } from '../model';
import { fill } from '../text';
import {
  acceptedRisksTable,
  type Ctx,
  missing,
  openFindings,
  openItemsTable,
  part,
  projectManager,
  section,
  signedDeliverablesTable,
  unconfirmedNone,
  windowText,
} from './common';

/** The catalog id both offerings give their acceptance report (H3 and A5 differ in outline). */
export const ACCEPTANCE_REPORT_ID = 'acceptance-report';

/** Parties, catalog, edition, period and order date; the order number is not recorded yet. */
export function projectFacts(ctx: Ctx): Block[] {
  const { engagement, plan, firm } = ctx.input;
  const k = ctx.t.keys;
  const rows: [string, string][] = [
    [k.customer, ctx.r(engagement.customerOrg)],
    ...(firm ? ([[k.provider, firm.name]] as [string, string][]) : []),
    [k.event, ctx.r(engagement.eventName)],
    [k.catalog, `${plan.catalog.name[ctx.lang]} ${plan.catalog.version}`],
    [k.edition, plan.catalog.editionName[ctx.lang]],
    [k.window, windowText(ctx)],
    [k.orderDate, plan.settings.orderDate ?? ctx.t.none],
  ];
  return [keyValue(rows), part(k.orderNumber), missing(ctx, 'noData')];
}

/**
 * The catalog's other deliverables this acceptance covers, with the version each was signed in;
 * signing is blocked while any of them is not signed.
 */
export function deliverablesSection(ctx: Ctx, ownId: string): SectionDraft {
  const ids = ctx.input.plan.catalog.deliverables.filter((d) => d.id !== ownId).map((d) => d.id);
  if (ids.length === 0) return section(ctx, 'deliverables', [missing(ctx, 'blocking')]);
  const { table: covered, unsigned } = signedDeliverablesTable(ctx, ids);
  return section(ctx, 'deliverables', [
    part(ctx.t.parts.deliverablesCovered),
    covered,
    ...(unsigned > 0 ? [missing(ctx, 'blocking')] : []),
  ]);
}

/** Each service item of the edition; its delivery status comes with the sign-offs. */
export function serviceItemsDelivered(ctx: Ctx): SectionDraft {
  const c = ctx.t.columns;
  const inScope = ctx.input.plan.catalog.items.filter((i) => i.inScope);
  const blocks: Block[] = [text(ctx.t.serviceItemsIntro, 'note')];
  if (inScope.length > 0) {
    blocks.push(
      table(
        [
          [c.item, 5],
          [c.phase, 2],
        ],
        inScope.map((i) => [i.name[ctx.lang], ctx.t.servicePhase[i.phase]]),
      ),
    );
  }
  blocks.push(part(ctx.t.parts.deliveryStatus), missing(ctx, 'blocking'));
  return section(ctx, 'serviceItemsDelivered', blocks);
}

/**
 * Open findings with owner and due date and the risks the customer accepted. With none open the
 * register says so, but "none" is the consultant's to affirm, so the NONE statement stays.
 */
export function outstandingItems(ctx: Ctx): SectionDraft {
  const { findings } = ctx.input;
  const blocks: Block[] = [];
  if (openFindings(findings).length > 0) blocks.push(openItemsTable(ctx, findings));
  const accepted = acceptedRisksTable(ctx, findings);
  if (accepted !== null) blocks.push(text(ctx.t.riskAcceptedNote, 'note'), accepted);
  if (blocks.length === 0) {
    if (findings.length > 0) blocks.push(text(fill(ctx.t.allFindingsRectified, { count: findings.length })));
    blocks.push(unconfirmedNone(ctx));
  }
  return section(ctx, 'outstandingItems', blocks);
}

/** Accepted, accepted with reservations, or not accepted: recorded at sign-off. */
export function acceptanceConclusion(ctx: Ctx): SectionDraft {
  const conclusion = ctx.input.signoff?.signing?.conclusion;
  if (!conclusion) {
    return section(ctx, 'acceptanceConclusion', [text(ctx.t.conclusionOptions, 'note'), missing(ctx, 'blocking')]);
  }
  const verdict = ctx.t.verdict[conclusion.verdict];
  const note = ctx.r(conclusion.note.trim());
  return section(ctx, 'acceptanceConclusion', [
    runs({ text: verdict, bold: true }, ...(note === '' ? [] : [{ text: ` ${note}` }])),
  ]);
}

/**
 * NB until the plan names the customer's project manager, the signer with authority; once signed,
 * the signer recorded at signing is that authority.
 */
export function signerAuthority(ctx: Ctx): Block[] {
  if (ctx.input.signoff?.signing) return [];
  return projectManager(ctx, 'customer') ? [] : [part(ctx.t.parts.signer), missing(ctx, 'blocking')];
}
