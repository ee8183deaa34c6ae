import {
  type AsyncMethod,
  type Contract,
  contract,
  isAsyncMethod,
  type Method,
  type MethodOutput,
  type Result,
} from '@shared/contract';
import type { z } from 'zod';
import type { CoreContext } from './context';
import { isFailure } from './errors';
import * as answers from './services/answers';
import * as backups from './services/backups';
import * as branding from './services/branding';
import * as bundles from './services/bundles';
import * as calendars from './services/calendars';
import * as capacity from './services/capacity';
import * as catalogs from './services/catalogs';
import * as checklists from './services/checklists';
import * as checkpoints from './services/checkpoints';
import * as deliverableExport from './services/deliverable-export';
import * as deliverables from './services/deliverables';
import * as engagements from './services/engagements';
import * as evidence from './services/evidence';
import * as findings from './services/findings';
import * as incidents from './services/incidents';
import * as optimization from './services/optimization';
import * as plans from './services/plans';
import * as redaction from './services/redaction';
import * as roster from './services/roster';
import * as searchIndex from './services/search';
import { getSettings, updateSettings } from './services/settings';
import * as signoff from './services/signoff';
import * as stress from './services/stress-tests';
import * as verification from './services/verification';
import * as warRoom from './services/war-room';
import * as warRoomLog from './services/war-room-log';
import { invalidInput } from './validation';

type Handler<M extends Method> = (ctx: CoreContext, input: z.output<Contract[M]['input']>) => MethodOutput<M>;
type AsyncHandler<M extends AsyncMethod> = (
  ctx: CoreContext,
  input: z.output<Contract[M]['input']>,
) => Promise<MethodOutput<M>>;

/** Contract method → service function: the one table both transports (IPC, harness HTTP) use. */
const handlers: { [M in Exclude<Method, AsyncMethod>]: Handler<M> } = {
  'app.info': (ctx) => ({
    version: ctx.version,
    dataDir: ctx.dataDir,
    schemaVersion: ctx.store.schemaVersion,
    transport: ctx.transport,
  }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),
  'settings.clearLogo': (ctx) => branding.clearLogo(ctx),
  'settings.logo': (ctx) => branding.readLogo(ctx),
  'engagement.list': (ctx, query) => engagements.listEngagements(ctx, query),
  'engagement.get': (ctx, { id }) => engagements.getEngagement(ctx, id),
  'engagement.create': (ctx, fields) => engagements.createEngagement(ctx, fields),
  'engagement.update': (ctx, input) => engagements.updateEngagement(ctx, input),
  'engagement.archive': (ctx, { id }) => engagements.archiveEngagement(ctx, id),
  'engagement.unarchive': (ctx, { id }) => engagements.unarchiveEngagement(ctx, id),
  'engagement.trash': (ctx, { id }) => engagements.trashEngagement(ctx, id),
  'engagement.restore': (ctx, { id }) => engagements.restoreEngagement(ctx, id),
  'engagement.listTrash': (ctx) => engagements.listTrash(ctx),
  'engagement.emptyTrash': (ctx) => engagements.emptyTrash(ctx),
  'engagement.createPlanned': (ctx, input) =>
    ctx.store.sqlite.transaction(() => {
      const engagement = engagements.createEngagement(ctx, input.engagement);
      if (input.plan) plans.createPlan(ctx, engagement.id, input.plan);
      return engagement;
    })(),
  'plan.get': (ctx, { engagementId }) => plans.getPlan(ctx, engagementId),
  'plan.updateSettings': (ctx, input) => plans.updatePlanSettings(ctx, input),
  // A new peak forecast re-evaluates capacity in the same transaction, raising the findings it causes.
  'plan.updateDetails': (ctx, input) =>
    ctx.store.sqlite.transaction(() => {
      const view = plans.updateDetails(ctx, input);
      capacity.afterForecastChange(ctx, input.engagementId);
      return view;
    })(),
  'plan.saveContact': (ctx, input) => plans.saveContact(ctx, input),
  'plan.saveResource': (ctx, input) => plans.saveResource(ctx, input),
  'plan.removeRow': (ctx, input) => plans.removeRow(ctx, input),
  'plan.updateTask': (ctx, input) => plans.updateTask(ctx, input),
  'plan.regenerateTasks': (ctx, { engagementId }) => plans.regenerateTasks(ctx, engagementId),
  'plan.setOnSiteDays': (ctx, input) => plans.setOnSiteDays(ctx, input),
  'plan.overrideRule': (ctx, input) => plans.overrideRule(ctx, input),
  'plan.withdrawOverride': (ctx, input) => plans.withdrawOverride(ctx, input),
  'calendar.list': (ctx) => calendars.listCalendars(ctx),
  'calendar.get': (ctx, { calendarId }) => calendars.getCalendar(ctx, calendarId),
  'calendar.save': (ctx, { calendar }) => calendars.saveCalendar(ctx, calendar),
  'catalog.list': (ctx) => catalogs.listCatalogs(ctx),
  'catalog.get': (ctx, { catalogId }) => catalogs.getCatalog(ctx, catalogId),
  'catalog.duplicate': (ctx, input) => catalogs.duplicateCatalog(ctx, input),
  'catalog.save': (ctx, input) => catalogs.saveFirmCatalog(ctx, input),
  'catalog.import': (ctx, input) => catalogs.importCatalog(ctx, input),
  'catalog.delete': (ctx, input) => catalogs.deleteFirmCatalog(ctx, input),
  'checklist.templates': (ctx) => checklists.listTemplates(ctx),
  'checklist.start': (ctx, { engagementId, templateId }) => {
    const started = checklists.startChecklist(ctx, engagementId, templateId);
    return { checklistId: started.id, templateId: started.templateId, templateHash: started.templateHash };
  },
  'checklist.view': (ctx, input) => answers.checklistView(ctx, input),
  'checklist.answer': (ctx, input) => answers.answerItem(ctx, input),
  'checklist.undo': (ctx, input) => answers.undoAnswer(ctx, input),
  'finding.list': (ctx, query) => findings.listFindings(ctx, query),
  'finding.get': (ctx, { engagementId, id }) => findings.getFinding(ctx, engagementId, id),
  'finding.create': (ctx, input) => findings.createFinding(ctx, input),
  'finding.update': (ctx, input) => findings.updateFinding(ctx, input),
  'finding.bulkStatus': (ctx, input) => findings.bulkStatus(ctx, input),
  'finding.remove': (ctx, { engagementId, id }) => findings.removeFinding(ctx, engagementId, id),
  'capacity.formulas': (ctx) => capacity.listFormulas(ctx),
  'capacity.list': (ctx, { engagementId }) => capacity.listCapacity(ctx, engagementId),
  'capacity.save': (ctx, input) => capacity.saveCapacityItem(ctx, input),
  'capacity.remove': (ctx, input) => capacity.removeCapacityItem(ctx, input),
  'capacity.restore': (ctx, input) => capacity.restoreCapacityItem(ctx, input),
  'capacity.seed': (ctx, { engagementId }) => capacity.seedCapacity(ctx, engagementId),
  'capacity.evaluate': (ctx, { engagementId }) => capacity.evaluateAll(ctx, engagementId),
  'library.list': (ctx, { search }) => findings.listLibrary(ctx, search),
  'library.save': (ctx, { entry }) => findings.saveLibraryEntry(ctx, entry),
  'library.remove': (ctx, { id }) => findings.removeLibraryEntry(ctx, id),
  'library.insert': (ctx, input) => findings.insertFromLibrary(ctx, input),
  'library.saveFromFinding': (ctx, input) => findings.saveFromFinding(ctx, input),
  'library.export': (ctx) => findings.exportLibrary(ctx),
  'library.import': (ctx, input) => findings.importLibrary(ctx, input),
  'optimization.templates': (ctx) => optimization.listTemplates(ctx),
  'optimization.list': (ctx, { engagementId }) => optimization.listItems(ctx, engagementId),
  'optimization.save': (ctx, input) => optimization.saveItem(ctx, input),
  'optimization.remove': (ctx, { engagementId, id }) => optimization.removeItem(ctx, engagementId, id),
  'optimization.restore': (ctx, { engagementId, id }) => optimization.restoreItem(ctx, engagementId, id),
  'optimization.addFromTemplates': (ctx, input) => optimization.addFromTemplates(ctx, input),
  'optimization.reorder': (ctx, input) => optimization.reorderItems(ctx, input),
  'checkpoint.list': (ctx, { engagementId }) => checkpoints.listCheckpoints(ctx, engagementId),
  'checkpoint.save': (ctx, input) => checkpoints.saveCheckpoint(ctx, input),
  'checkpoint.addFromTemplates': (ctx, input) => checkpoints.addCheckpointsFromTemplates(ctx, input),
  'checkpoint.record': (ctx, input) => checkpoints.recordCheckpoint(ctx, input),
  'checkpoint.remove': (ctx, { engagementId, id }) => checkpoints.removeCheckpoint(ctx, engagementId, id),
  'checkpoint.restore': (ctx, { engagementId, id }) => checkpoints.restoreCheckpoint(ctx, engagementId, id),
  'incident.list': (ctx, { engagementId }) => incidents.listIncidents(ctx, engagementId),
  'incident.save': (ctx, input) => incidents.saveIncident(ctx, input),
  'incident.remove': (ctx, { engagementId, id }) => incidents.removeIncident(ctx, engagementId, id),
  'incident.restore': (ctx, { engagementId, id }) => incidents.restoreIncident(ctx, engagementId, id),
  'incident.timeline': (ctx, { engagementId, id }) => incidents.timelineOf(ctx, engagementId, id),
  'warroom.state': (ctx, { engagementId }) => warRoom.warRoomState(ctx, engagementId),
  'warroom.close': (ctx, input) => warRoom.closeWarRoom(ctx, input),
  'warroom.reopen': (ctx, input) => warRoom.reopenWarRoom(ctx, input),
  'deliverable.list': (ctx, { engagementId }) => deliverables.listDeliverables(ctx, engagementId),
  'deliverable.preview': (ctx, { engagementId, documentId }) =>
    deliverables.buildDeliverable(ctx, engagementId, documentId),
  'deliverable.cancelExport': (ctx, input) => deliverableExport.cancelExport(ctx, input),
  'deliverable.exportChunk': (ctx, input) => deliverableExport.exportChunk(ctx, input),
  'log.append': (ctx, input) => warRoomLog.appendLog(ctx, input),
  'log.revise': (ctx, input) => warRoomLog.reviseLog(ctx, input),
  'log.list': (ctx, query) => warRoomLog.listLog(ctx, query),
  'log.revisions': (ctx, input) => warRoomLog.listRevisions(ctx, input),
  'roster.get': (ctx, { engagementId }) => roster.rosterView(ctx, engagementId),
  'roster.saveSettings': (ctx, input) => roster.saveSettings(ctx, input),
  'roster.saveShift': (ctx, input) => roster.saveShift(ctx, input),
  'roster.removeShift': (ctx, input) => roster.removeShift(ctx, input),
  'roster.restoreShift': (ctx, input) => roster.restoreShift(ctx, input),
  'roster.generate': (ctx, input) => roster.generate(ctx, input),
  'roster.undoGenerate': (ctx, input) => roster.undoGenerate(ctx, input),
  'search.query': (ctx, input) => searchIndex.search(ctx, input),
  'signoff.versions': (ctx, input) => signoff.signoffVersions(ctx, input),
  'signoff.status': (ctx, input) => signoff.signoffStatus(ctx, input),
  'signoff.diff': (ctx, input) => signoff.signoffDiff(ctx, input),
  'signoff.verify': (ctx, input) => verification.verifyFile(ctx, input),
  'signoff.certificate': (ctx) => verification.signingCertificate(ctx),
  'redaction.scan': (ctx, { engagementId }) => redaction.scan(ctx, engagementId),
  'redaction.decide': (ctx, input) => redaction.decide(ctx, input),
  'redaction.maskUndecided': (ctx, { engagementId }) => redaction.maskUndecided(ctx, engagementId),
  'evidence.list': (ctx, query) => evidence.listEvidence(ctx, query),
  'evidence.caption': (ctx, input) => evidence.captionEvidence(ctx, input),
  'evidence.remove': (ctx, input) => evidence.removeEvidence(ctx, input),
  'stress.view': (ctx, { engagementId }) => stress.stressView(ctx, engagementId),
  'stress.savePlan': (ctx, input) => stress.savePlan(ctx, input),
  'stress.saveScenario': (ctx, input) => stress.saveScenario(ctx, input),
  'stress.removeScenario': (ctx, input) => stress.removeScenario(ctx, input),
  'stress.restoreScenario': (ctx, input) => stress.restoreScenario(ctx, input),
  'stress.run': (ctx, input) => stress.getRun(ctx, input),
  'stress.updateRun': (ctx, input) => stress.updateRun(ctx, input),
  'stress.removeRun': (ctx, input) => stress.removeRun(ctx, input),
  'stress.restoreRun': (ctx, input) => stress.restoreRun(ctx, input),
  'stress.mapLabels': (ctx, input) => stress.mapLabels(ctx, input),
  'stress.uploadBegin': (ctx, input) => stress.uploadBegin(ctx, input),
  'stress.uploadChunk': (ctx, input) => stress.uploadChunk(ctx, input),
  'stress.cancelImport': (ctx, input) => stress.cancelImport(ctx, input),
  'bundle.exportChunk': (ctx, input) => bundles.exportChunk(ctx, input),
  'bundle.uploadBegin': (ctx, input) => bundles.uploadBegin(ctx, input),
  'bundle.uploadChunk': (ctx, input) => bundles.uploadChunk(ctx, input),
  'bundle.cancel': (ctx, input) => bundles.cancelUpload(ctx, input),
  'backup.list': (ctx) => backups.listBackups(ctx),
  'backup.chunk': (ctx, input) => backups.readBackupChunk(ctx, input),
  'backup.check': (ctx, input) => backups.checkBackup(ctx, input),
  'backup.remove': (ctx, input) => backups.removeBackup(ctx, input),
  'backup.uploadBegin': (ctx, input) => backups.uploadBackupBegin(ctx, input),
  'backup.uploadChunk': (ctx, input) => backups.uploadBackupChunk(ctx, input),
  'backup.add': (ctx, input) => backups.addBackupFile(ctx, input),
  'log.write': (ctx, { level, message }) => {
    ctx.log(level, `renderer: ${message}`);
    return {};
  },
};

function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

const asyncHandlers: { [M in AsyncMethod]: AsyncHandler<M> } = {
  'bundle.export': (ctx, input) => bundles.exportBundle(ctx, input),
  'bundle.inspect': (ctx, input) => bundles.inspectBundle(ctx, input),
  'bundle.import': (ctx, input) => bundles.importBundle(ctx, input),
  'evidence.add': (ctx, input) => evidence.addEvidence(ctx, input),
  'evidence.read': (ctx, input) => evidence.readEvidence(ctx, input),
  'deliverable.export': (ctx, input) => deliverableExport.exportDeliverable(ctx, input),
  'settings.setLogo': (ctx, input) => branding.setLogo(ctx, input),
  'signoff.sign': (ctx, input) => signoff.sign(ctx, input),
  'signoff.prepare': (ctx, input) => signoff.prepareSigning(ctx, input),
  'signoff.file': (ctx, input) => signoff.signedFile(ctx, input),
  'stress.preview': (ctx, input) => stress.preview(ctx, input),
  'stress.import': (ctx, input) => stress.importRun(ctx, input),
  'backup.create': (ctx) => backups.createBackup(ctx, 'manual'),
  'backup.restore': (ctx, input) => backups.restoreBackup(ctx, input),
};

/** What may still be asked while a restore swaps the store: nothing that reads or writes it. */
const DURING_MAINTENANCE: ReadonlySet<Method> = new Set(['app.info', 'log.write']);
const restoring: Result<unknown> = {
  ok: false,
  error: {
    code: 'CONFLICT',
    message: 'A backup is being restored; try again in a moment.',
    messageKey: 'backup.error.restoring',
  },
};

export type Router = {
  invoke: (method: unknown, input: unknown) => Result<unknown>;
  /** Any method, the asynchronous ones (ASYNC_METHODS) included; what the transports call for those. */
  invokeAsync: (method: unknown, input: unknown) => Promise<Result<unknown>>;
};

/**
 * Parses the input with the method's schema, runs the service, and turns every failure into the
 * contract's error shape. Unexpected errors are logged with their stack and reported without it.
 */
export function createRouter(ctx: CoreContext): Router {
  const parse = <M extends Method>(method: M, input: unknown) => contract[method].input.safeParse(input ?? {});
  const run = <M extends Exclude<Method, AsyncMethod>>(method: M, input: unknown): Result<unknown> => {
    const parsed = parse(method, input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).appError };
    const handler = handlers[method] as Handler<M>;
    return { ok: true, value: handler(ctx, parsed.data as z.output<Contract[M]['input']>) };
  };
  const runAsync = async <M extends AsyncMethod>(method: M, input: unknown): Promise<Result<unknown>> => {
    const parsed = parse(method, input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).appError };
    const handler = asyncHandlers[method] as AsyncHandler<M>;
    return { ok: true, value: await handler(ctx, parsed.data as z.output<Contract[M]['input']>) };
  };
  const failed = (method: Method, error: unknown): Result<unknown> => {
    if (isFailure(error)) return { ok: false, error: error.appError };
    const detail =
      // Not `message`: the logger spreads details over its own fields, and the method name must survive.
      error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
    ctx.log('error', `${method} failed`, detail);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong while saving or loading. The details are in the log file.',
      },
    };
  };
  const unknown = (method: unknown): Result<unknown> => ({
    ok: false,
    error: { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method)}.` },
  });
  const invoke = (method: unknown, input: unknown): Result<unknown> => {
    if (!isMethod(method)) return unknown(method);
    if (ctx.maintenance && !DURING_MAINTENANCE.has(method)) return restoring;
    if (isAsyncMethod(method)) {
      return { ok: false, error: { code: 'INTERNAL', message: `${method} is asynchronous: call invokeAsync.` } };
    }
    try {
      return run(method, input);
    } catch (error) {
      return failed(method, error);
    }
  };
  return {
    invoke,
    async invokeAsync(method, input) {
      if (!isAsyncMethod(method)) return invoke(method, input);
      if (ctx.maintenance) return restoring;
      try {
        return await runAsync(method, input);
      } catch (error) {
        return failed(method, error);
      }
    },
  };
}
