// TypeScript declarations for gdviz-embed.js, the loader: its exports, a widget's handle,
// the <gdviz-figure> element, its options and its state, per kind. Names are a public
// contract: they are only ever added to.

/** The name authors write in `data-gdviz` (or `kind` on `<gdviz-figure>`). */
export type Kind =
  | 'descent-1d' | 'bowl' | 'contour' | 'sinusoid' | 'norms' | 'regularization' | 'input-plane'
  | 'mlp' | 'loss-slice' | 'cost' | 'trajectory' | 'minibatch' | 'landscape' | 'momentum-map';

/** Options every kind takes (attribute values are strings). */
export interface CommonOptions {
  /** `auto` (dark when the reader's system prefers it), `light` or `dark`. */
  theme?: 'auto' | 'light' | 'dark';
  /** Widgets with the same group share their function and point, or their training run. */
  group?: string;
}

/** Options per kind, by their names without `data-` (README: Kinds and options). */
export interface OptionsByKind {
  'descent-1d': CommonOptions & { fn?: 'parabola' | 'double-well'; x?: string; lr?: string; steps?: string };
  bowl: CommonOptions & { x?: string; y?: string; yaw?: string; pitch?: string };
  'input-plane': CommonOptions & { x?: string; y?: string; yaw?: string; pitch?: string };
  contour: CommonOptions & { fn?: string; x?: string; y?: string; theta?: string };
  sinusoid: CommonOptions & { fn?: string; x?: string; y?: string; theta?: string };
  norms: CommonOptions & { gx?: string; gy?: string };
  regularization: CommonOptions & { x?: string; y?: string; t?: string; a?: string; b?: string; d?: string };
  mlp: CommonOptions & { x?: string; target?: string; lr?: string; weights?: string; steps?: string; view?: 'forward' | 'backward' };
  'loss-slice': CommonOptions & { x?: string; target?: string; lr?: string; weights?: string; steps?: string; held?: 'step-start' | 'current' };
  cost: CommonOptions & { n?: string };
  trajectory: CommonOptions & { fn?: string; x?: string; y?: string; lr?: string; iters?: string; iter?: string; paths?: string; beta?: string; alpha?: string; beta1?: string; beta2?: string; eps?: string };
  landscape: OptionsByKind['trajectory'] & { yaw?: string; pitch?: string };
  minibatch: CommonOptions & { batch?: string; seed?: string; w?: string; b?: string; lr?: string; resamples?: string };
  'momentum-map': CommonOptions & { kappa?: string; lr?: string; beta?: string };
}

type Pair = [number, number];

/** A constrained optimum of `regularization`: the weights, the loss there, whether the
 *  constraint binds, and the indices (0: w₁, 1: w₂) of the weights that are exactly 0. */
export interface RegularizationOptimum { w: Pair; loss: number; active: boolean; zero: number[] }

/** The optimizers of `trajectory` and `landscape`, as `data-paths` and `data-state` name them. */
export type PathKey = 'gd' | 'coordinate' | 'sign' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/** The path buttons' names (actions of `trajectory` and `landscape`, beside the keys). */
export type PathButton = 'gradient descent (L2)' | 'coordinate descent (L1)' | 'sign descent (L∞)' | 'momentum (β = 0.9)' | 'Nesterov' | 'Adagrad' | 'RMSprop' | 'Adam';

/** `data-state` per kind (README: `data-state`). Numbers are exact; `null` where a value does not exist. */
export interface StateByKind {
  contour: { kind: 'contour'; fn: string; x: number; y: number; f: number | null; grad: Pair | null; norm: number | null; fd_grad: Pair | null; fd_error: number | null; undefined?: string; theta?: number };
  sinusoid: { kind: 'sinusoid'; fn: string; x: number; y: number; grad: Pair; theta: number; d_theta: number; theta_star: number | null; amplitude: number | null; playing: boolean };
  norms: { kind: 'norms'; grad: Pair; l2: Pair | null; l1: Pair | null; linf: Pair | null; l2_value: number | null; l1_value: number | null; linf_value: number | null; l1_tie: boolean; linf_tie: boolean };
  regularization: { kind: 'regularization'; a: [Pair, Pair]; center: Pair; t: number; l1: RegularizationOptimum; l2: RegularizationOptimum; playing: boolean };
  'descent-1d': { kind: 'descent-1d'; fn: string; x: number; f: number; slope: number; lr: number; step: number; history: number[]; diverged_at?: number; playing: boolean };
  bowl: { kind: 'bowl'; x: number; y: number; f: number; fx: number; fy: number; yaw: number; pitch: number };
  'input-plane': { kind: 'input-plane'; x: number; y: number; f: number; grad: Pair; uphill_3d: [number, number, number] | null; yaw: number; pitch: number };
  mlp: { kind: 'mlp'; step: number; x: number; target: number; lr: number; weights: number[]; yhat: number; loss: number; grad: number[] | null; losses: number[]; diverged_at?: number; error?: string; playing: boolean };
  'loss-slice': { kind: 'loss-slice'; step: number; weights: number[]; loss: number; axes: [string, string]; start: Pair; end: Pair; held: 'step-start' | 'current'; base: number[]; slice_loss_at_end: number; playing: boolean };
  cost: { kind: 'cost'; n: number; fd_ops: number; backprop_ops: number; ratio: number; timings: { n: number[]; fd_ns: number[]; backprop_ns: number[] } | null; measuring: boolean };
  trajectory: { kind: 'trajectory'; fn: string; start: Pair; lr: number; iter: number; iters: number; paths: Record<string, Pair[]>; losses: Record<string, number[]>; diverged: Record<string, number>; beta: number; alpha: number; beta1: number; beta2: number; eps: { adagrad: number; rmsprop: number; adam: number } };
  landscape: Omit<StateByKind['trajectory'], 'kind'> & { kind: 'landscape'; yaw: number; pitch: number; log_heights: boolean };
  minibatch: { kind: 'minibatch'; batch_size: number; w: number; b: number; batch_grad: Pair; full_grad: Pair; loss: number; batch: number[]; resamples: number; mean_batch_grad: Pair; seed: number; examples: number; optimum: Pair; lr: number; gd_path: Pair[]; sgd_path: Pair[] };
  'momentum-map': { kind: 'momentum-map'; kappa: number; lr: number; beta: number; rate: number; steps?: number; optimum: { lr: number; beta: number; rate: number }; diverges: boolean };
}

/** What a widget that cannot start reports instead of its state. */
export interface ErrorState { kind: string; error: string; attribute?: string | null }

/** Any kind's state. */
export type State = StateByKind[Kind] | ErrorState;

/** The buttons a script may press, per kind (`handle.action(name)`). */
export interface ActionsByKind {
  'descent-1d': 'play' | 'step' | 'reset';
  sinusoid: 'play';
  regularization: 'play';
  bowl: never; 'input-plane': never; contour: never; norms: never;
  mlp: 'train' | 'step' | 'reset' | 'forward' | 'backward';
  'loss-slice': 'train' | 'step' | 'reset' | 'reslice';
  cost: 'measure';
  trajectory: 'play' | 'step' | 'reset' | 'parts' | PathButton | PathKey;
  landscape: 'play' | 'step' | 'reset' | PathButton | PathKey;
  minibatch: 'resample' | 'resample-100' | 'reset';
  'momentum-map': 'optimum';
}

/** A mounted widget. */
export interface Handle {
  /** Does what the widget's button `name` does; throws an `Error` naming its actions otherwise. */
  action(name: string): void;
  /**
   * Sets options (names as the attributes', without `data-`): all of them, or none if one is
   * unknown or unusable (an `Error` names it). The widget is rebuilt within the frame.
   */
  set(options: Record<string, string | number>): void;
  /**
   * The widget's `data-state` as an object (`undefined` once destroyed): written at once after
   * anything the reader or a script does, at most every 100 ms while a motion (Play, Train)
   * runs by itself, and at once when it pauses or ends (README: `data-state`).
   */
  readonly state: State | undefined;
  /** Removes the widget: listeners, observers, frame loop, group membership. */
  destroy(): void;
}

/** A handle from `mount()` also knows its element. */
export interface MountedHandle extends Handle {
  /** The widget's element (`undefined` once destroyed). */
  readonly element: Element | undefined;
}

/** `detail` of `gdviz-error`. */
export interface ErrorDetail { kind: string; error: string; attribute: string | null }

/** Resolves once the module is ready and the page's figures are mounted and drawn whole, `data-state` included (lazy ones aside). */
export const ready: Promise<void>;
/** Resolves once every figure scheduled so far (lazy ones aside) has mounted and drawn whole, `data-state` included: figures mount one per task, each start in a few tasks. */
export function mounting(): Promise<void>;
/**
 * Mounts the figure `element` names (or returns its handle if it is mounted). `undefined` if
 * the module of its kind's family is not fetched yet (a page of one family fetches only that
 * family's module): the figure then mounts once it arrives, and `mounting()` resolves after.
 */
export function mount(element: Element): MountedHandle | undefined;
/** Mounts every `[data-gdviz]` element not mounted yet, now, in one task (lazy ones wait until they come near), and returns how many; a figure whose family's module is still to be fetched mounts once it arrives (not counted). */
export function mountAll(): number;
/** How many widgets are alive. */
export function mounted(): number;
/** Destroys the widget in `element`; true if there was one. */
export function unmount(element: Element): boolean;
/** Rebuilds the widget in `element` from its (changed) options; the loader calls it itself. */
export function update(element: Element): boolean;

/** `<gdviz-figure kind="contour" fn="bowl" x="3" y="4">`. */
export interface GdvizFigureElement extends HTMLElement, Handle {}

/** The events a figure dispatches; they bubble to its document and window. */
export interface GdvizEventMap {
  /** One per write of `data-state` (its rhythm: at most every 100 ms during a motion). */
  'gdviz-change': CustomEvent<State>;
  'gdviz-error': CustomEvent<ErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap { 'gdviz-figure': GdvizFigureElement }
  interface HTMLElementEventMap extends GdvizEventMap {}
  interface DocumentEventMap extends GdvizEventMap {}
  interface WindowEventMap extends GdvizEventMap {}
}
