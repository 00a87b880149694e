/// <reference lib="webworker" />
import './zod-jitless.js';
import { RisklabError } from '../../src/messages.js';
import type { Cut } from '../../src/metrics/index.js';
import { cardsAt, type Cards } from './cards.js';
import { viewData, type ViewData } from './numbers.js';
import type { PresetName } from './presets.js';
import { presetDefaults } from './scenario.js';
import type { ExplorerSettings } from './settings.js';
import { PopulationCache, simulate, type Simulation } from './simulation.js';
import { explorerTexts } from './texts.js';

/**
 * The explorer's Web Worker: holds the last simulation, refits on request,
 * and chooses the cards for an operating point. Messages in:
 * `{ type: 'simulate', id, preset, patch }` (the preset's own settings with
 * `patch` over them) and `{ type: 'cards', id, cut }`. Out:
 * `{ type: 'view', id, view, defaults, ms }` (ms: the simulation's own time
 * in the worker), `{ type: 'cards', id, viewId, cut, cards }` or
 * `{ type: 'error', id, message }`.
 */
export type WorkerRequest =
  | { readonly type: 'simulate'; readonly id: number; readonly preset: PresetName; readonly patch: Partial<ExplorerSettings> }
  | { readonly type: 'cards'; readonly id: number; readonly cut: Cut };

export type WorkerReply =
  | { readonly type: 'view'; readonly id: number; readonly view: ViewData; readonly defaults: ExplorerSettings; readonly ms: number }
  | { readonly type: 'cards'; readonly id: number; readonly viewId: number; readonly cut: Cut; readonly cards: Cards }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cache = new PopulationCache();
let current: Simulation | null = null;
let currentId = 0;

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'simulate') {
      const started = performance.now();
      const defaults = presetDefaults(request.preset);
      current = await simulate({ ...defaults, ...request.patch, preset: request.preset }, cache);
      currentId = request.id;
      reply({ type: 'view', id: request.id, view: viewData(current), defaults, ms: performance.now() - started });
    } else if (current) {
      reply({ type: 'cards', id: request.id, viewId: currentId, cut: request.cut, cards: cardsAt(current, request.cut) });
    }
  } catch (e) {
    const message = e instanceof RisklabError ? explorerTexts.cannotFit(e.message) : explorerTexts.internalError(String((e as Error)?.message ?? e));
    reply({ type: 'error', id: request.id, message });
  }
};
