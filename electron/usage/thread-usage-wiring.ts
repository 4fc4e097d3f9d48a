import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type Budget, type BudgetAlert, BudgetSchema, budgetStopReason } from '../../shared/budget';
import type { UsageSummaryView } from '../../shared/contract/usage';
import type { DomainEvents } from '../../shared/domain-events';
import type { Thread } from '../../shared/models';
import { type PriceOverrides, PriceOverridesSchema, type ThreadUsage } from '../../shared/usage';
import { JsonFileStore } from '../store/json-file-store';
import type { StateRepository } from '../store/state-repository';
import { type Spend, addSpend, checkBudgets, noSpend } from './budgets';
import { Prices, builtInPrices, priceOverridesFileName } from './prices';
import { usageByPlanRunAndDay } from './usage-breakdown';
import { summariseUsage } from './usage-summary';
import { UsageService } from './usage-service';

/** What the wiring needs of the thread service: stopping an agent that used up its budget. */
export interface AgentStopper {
  stop(threadId: string, reason: string): Promise<unknown>;
  isActive(threadId: string): boolean;
}

export interface ThreadUsageWiringOptions {
  readonly dataDir: string;
  readonly usage: UsageService;
  readonly state: StateRepository;
  readonly events: DomainEvents;
  readonly threads: AgentStopper;
  readonly log: (message: string) => void;
  /** The plan run a thread was started by, if any: its spend is booked to it (the Usage view's "Per plan run"). */
  readonly planRunOf?: (thread: Thread) => string | null;
}

/** Project budgets: `budgets.json` in the data folder (a project record has no place of its own for them). */
const BudgetsFileSchema = z.object({ projects: z.record(z.string(), BudgetSchema).default({}) });
type BudgetsFile = z.infer<typeof BudgetsFileSchema>;
export const budgetsFileName = 'budgets.json';

/**
 * Joins the usage service to the threads: every thread of an agent whose records are read is
 * followed from its creation (or adoption after a restart) to its removal; each change of its
 * spend is saved on its record and announced as `thread.updated`, and weighed against its own and
 * its project's budgets (a warning at 80 %, "over budget" at 100 %, stopped there when asked).
 */
export class ThreadUsageWiring {
  private readonly tracked = new Set<string>();
  /** Each known thread's status (a change asks for a fresh read) and project (counted there once removed). */
  private readonly known = new Map<string, { status: Thread['status']; projectId: string }>();
  /** What removed threads spent, per project: a project's budget still counts it. */
  private readonly removedSpend = new Map<string, Spend>();
  private readonly stopping = new Set<string>();
  private readonly unsubscribe: Array<() => void> = [];

  private constructor(
    private readonly options: ThreadUsageWiringOptions,
    private readonly budgetsStore: JsonFileStore<BudgetsFile>,
    private budgets: BudgetsFile,
  ) {}

  static async start(options: ThreadUsageWiringOptions): Promise<ThreadUsageWiring> {
    const store = new JsonFileStore(path.join(options.dataDir, budgetsFileName), BudgetsFileSchema, () => ({
      projects: {},
    }));
    const loaded = await store.load();
    if (loaded.problem) options.log(`[switchyard] ${loaded.problem}`);
    const wiring = new ThreadUsageWiring(options, store, loaded.value);
    await wiring.countRemovedThreads();
    wiring.unsubscribe.push(
      options.usage.onChange((threadId, usage) => void wiring.usageChanged(threadId, usage)),
      options.events.on('thread.updated', (thread) => wiring.threadUpdated(thread)),
      options.events.on('thread.removed', ({ threadId }) => wiring.threadRemoved(threadId)),
    );
    for (const thread of options.state.threads()) wiring.threadUpdated(thread);
    return wiring;
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.options.usage.close();
  }

  projectBudget(projectId: string): Budget | null {
    return this.budgets.projects[projectId] ?? null;
  }

  projectBudgets(): Record<string, Budget> {
    return { ...this.budgets.projects };
  }

  async setProjectBudget(projectId: string, budget: Budget | null): Promise<Budget | null> {
    this.options.state.project(projectId);
    const projects = { ...this.budgets.projects };
    if (budget) projects[projectId] = budget;
    else delete projects[projectId];
    this.budgets = { projects };
    await this.budgetsStore.save(this.budgets);
    for (const thread of this.options.state.threads().filter((t) => t.projectId === projectId)) {
      await this.weigh(thread.id);
    }
    return budget;
  }

  async setThreadBudget(threadId: string, budget: Budget | null): Promise<Thread> {
    await this.save(threadId, (t) => ({ ...t, budget }));
    await this.weigh(threadId);
    return this.options.state.thread(threadId);
  }

  /** The cost log summed per project, model, thread, plan run and day. */
  async summary(filter: { since?: Date | null; projectId?: string | null }): Promise<UsageSummaryView> {
    const entries = await this.options.usage.log.read();
    const summaryFilter = {
      since: filter.since ?? null,
      projectIds: filter.projectId ? new Set([filter.projectId]) : null,
    };
    return { ...summariseUsage(entries, summaryFilter), ...usageByPlanRunAndDay(entries, summaryFilter) };
  }

  /** The built-in price table and the data folder's overrides, as Settings shows them. */
  async priceTable(): Promise<{ builtIn: typeof builtInPrices; overrides: PriceOverrides }> {
    let overrides: PriceOverrides = { models: {}, aliases: {} };
    try {
      overrides = PriceOverridesSchema.parse(
        JSON.parse(await readFile(path.join(this.options.dataDir, priceOverridesFileName), 'utf8')),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return { builtIn: builtInPrices, overrides };
  }

  /** Saves the user's prices and prices every followed thread's spend with them from now on. */
  async setPriceOverrides(overrides: PriceOverrides): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(
      path.join(this.options.dataDir, priceOverridesFileName),
      `${JSON.stringify(overrides, null, 2)}\n`,
      { mode: 0o600 },
    );
    await this.options.usage.setPrices(new Prices(builtInPrices, overrides));
  }

  private threadUpdated(thread: Thread): void {
    const previous = this.known.get(thread.id)?.status;
    this.known.set(thread.id, { status: thread.status, projectId: thread.projectId });
    if (!this.tracked.has(thread.id)) {
      if (!UsageService.readsProfile(thread.profileId)) return;
      this.tracked.add(thread.id);
      this.options.usage
        .track({
          threadId: thread.id,
          projectId: thread.projectId,
          planRunId: thread.planRunId ?? this.options.planRunOf?.(thread) ?? null,
          cwd: thread.worktreePath,
          profileId: thread.profileId,
          since: new Date(thread.createdAt),
        })
        .catch((error: unknown) =>
          this.options.log(`[switchyard] could not follow the usage of ${thread.name}: ${String(error)}`),
        );
    } else if (previous !== undefined && previous !== thread.status) {
      // A turn ended or began: the records may have changed where no watcher could see yet.
      this.options.usage.refresh().catch(() => undefined);
    }
  }

  private threadRemoved(threadId: string): void {
    const projectId = this.known.get(threadId)?.projectId;
    this.known.delete(threadId);
    if (!this.tracked.delete(threadId)) return;
    const usage = this.options.usage.usage(threadId);
    this.options.usage.untrack(threadId);
    if (usage && projectId) this.addRemoved(projectId, usage);
  }

  private async usageChanged(threadId: string, usage: ThreadUsage): Promise<void> {
    try {
      const thread = await this.save(threadId, (t) => ({ ...t, usage }));
      if (!thread) return;
      // The project's total moved: every thread of it is weighed against the project's budget.
      const siblings = this.options.state.threads().filter((t) => t.projectId === thread.projectId);
      for (const sibling of siblings) await this.weigh(sibling.id);
    } catch (error) {
      this.options.log(`[switchyard] could not record the usage of ${threadId}: ${String(error)}`);
    }
  }

  /** Sets the thread's budget alert from its spend and its project's; stops it when a stop-at-limit budget is used up. */
  private async weigh(threadId: string): Promise<void> {
    const thread = this.threadOrNull(threadId);
    if (!thread) return;
    const verdict = checkBudgets({
      thread: { budget: thread.budget, spent: thread.usage },
      project: { budget: this.projectBudget(thread.projectId), spent: this.projectSpend(thread.projectId) },
    });
    if (!sameAlert(verdict.alert, thread.budgetAlert)) {
      await this.save(threadId, (t) => ({ ...t, budgetAlert: verdict.alert }));
    }
    if (verdict.stop && this.options.threads.isActive(threadId) && !this.stopping.has(threadId)) {
      this.stopping.add(threadId);
      try {
        await this.options.threads.stop(threadId, budgetStopReason);
      } catch (error) {
        this.options.log(`[switchyard] could not stop ${thread.name} at its budget: ${String(error)}`);
      } finally {
        this.stopping.delete(threadId);
      }
    }
  }

  private projectSpend(projectId: string): Spend {
    let spend = this.removedSpend.get(projectId) ?? noSpend;
    for (const thread of this.options.state.threads()) {
      if (thread.projectId === projectId && thread.usage) spend = addSpend(spend, thread.usage);
    }
    return spend;
  }

  /** Threads in the cost log that are gone from the state: their spend still counts for their project. */
  private async countRemovedThreads(): Promise<void> {
    const present = new Set(this.options.state.threads().map((t) => t.id));
    const entries = await this.options.usage.log.read().catch(() => []);
    for (const entry of entries) {
      if (!present.has(entry.threadId)) this.addRemoved(entry.projectId, entry.deltas);
    }
  }

  private addRemoved(projectId: string, spend: Spend): void {
    this.removedSpend.set(projectId, addSpend(this.removedSpend.get(projectId) ?? noSpend, spend));
  }

  private threadOrNull(threadId: string): Thread | null {
    try {
      return this.options.state.thread(threadId);
    } catch {
      return null; // removed meanwhile
    }
  }

  /** Saves a change on the freshest copy of the thread and tells every window (nothing when it was removed). */
  private async save(threadId: string, change: (thread: Thread) => Thread): Promise<Thread | null> {
    const thread = this.threadOrNull(threadId);
    if (!thread) return null;
    const next = await this.options.state.putThread(change(thread));
    this.options.events.emit('thread.updated', next);
    return next;
  }
}

function sameAlert(a: BudgetAlert | null, b: BudgetAlert | null): boolean {
  return a?.level === b?.level && a?.scope === b?.scope && a?.text === b?.text;
}
