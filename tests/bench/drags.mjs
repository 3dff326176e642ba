// The inputs the A/B scripts (ab.mjs, cpu-ab.mjs) give each kind, the same as browser.mjs
// (`make bench`): ['drag', x0, y0, x1, y1, within] in fractions of the first canvas (within
// 'panel': its first panel, the same drag whether it has a canvas of its own or shares one side
// by side with a second: its left half, less the 16 px gap), ['slider'] or ['step'].
export const ACT = {
  'descent-1d': ['drag', 0.2, 0.5, 0.9, 0.5], bowl: ['drag', 0.5, 0.6, 0.8, 0.7], contour: ['drag', 0.3, 0.3, 0.8, 0.7],
  sinusoid: ['drag', 0.2, 0.5, 0.9, 0.5], norms: ['drag', 0.2, 0.3, 0.3, 0.7], 'input-plane': ['drag', 0.5, 0.6, 0.8, 0.7],
  mlp: ['step'], 'loss-slice': ['drag', 0.4, 0.4, 0.6, 0.6], trajectory: ['drag', 0.2, 0.3, 0.4, 0.6],
  landscape: ['drag', 0.3, 0.5, 0.7, 0.6], 'momentum-map': ['drag', 0.2, 0.3, 0.5, 0.7], minibatch: ['drag', 0.3, 0.3, 0.6, 0.6],
  cost: ['slider'], regularization: ['drag', 0.4, 0.3, 0.7, 0.6, 'panel'],
};

/** The box a drag of `within` moves in, from the first canvas's `box`. */
export const dragBox = (box, within) => (within === 'panel' && box.width > 1.5 * box.height ? { ...box, width: (box.width - 16) / 2 } : box);
