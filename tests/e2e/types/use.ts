// How a TypeScript author uses the loader's declarations (www/gdviz-embed.d.ts); compiled
// with --strict by tests/e2e/types.test.mjs. A declaration that does not match this use
// fails the compile.
import { mount, mountAll, mounted, ready, unmount, type Handle, type State, type StateByKind } from 'gdviz';

export async function author(): Promise<number> {
  await ready;
  const div = document.querySelector<HTMLDivElement>('[data-gdviz]');
  const handle: Handle | undefined = div ? mount(div) : undefined;
  handle?.action('step');
  handle?.set({ x: 1, fn: 'saddle' });
  const state: State | undefined = handle?.state;
  if (state && !('error' in state) && state.kind === 'contour') {
    const f: number | null = state.f;
    console.log(f);
  }
  const figure = document.createElement('gdviz-figure');
  figure.setAttribute('kind', 'mlp');
  figure.set({ lr: '0.5' });
  figure.action('step');
  const mlp = figure.state as StateByKind['mlp'] | undefined;
  console.log(mlp?.losses.length);
  const land = document.createElement('gdviz-figure');
  land.setAttribute('kind', 'landscape');
  land.action('adam');
  const race = land.state as StateByKind['landscape'] | undefined;
  console.log(race?.eps.adam, race?.yaw, race?.log_heights, race?.paths['adam']?.length, race?.beta1);
  document.addEventListener('gdviz-change', (e) => console.log(e.detail));
  document.addEventListener('gdviz-error', (e) => console.log(e.detail.attribute ?? 'no attribute'));
  figure.destroy();
  if (div) unmount(div);
  return mountAll() + mounted();
}
