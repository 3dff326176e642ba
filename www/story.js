// The story page's script: when a paragraph with data-story scrolls into view, it drives the
// figure after it through gdviz's public API (the <gdviz-figure> element's set(), action()
// and state), once. With reduced motion, each figure goes straight to where the story takes it.
import { ready } from './gdviz-embed.js';

const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
const pause = (ms) => new Promise((r) => setTimeout(r, still ? 0 : ms));

const scenes = {
  // Move the point to the saddle's centre, where the gradient is zero.
  async saddle() {
    document.getElementById('story-contour').set({ fn: 'saddle', x: 0, y: 0 });
  },
  // Turn θ to the peak of the sinusoid: the gradient's angle, read from the figure's state.
  async peak() {
    const fig = document.getElementById('story-sinusoid');
    if (fig.state?.theta_star == null) return; // no peak (a critical point), or no figure
    const target = (fig.state.theta_star * 180) / Math.PI;
    const from = (fig.state.theta * 180) / Math.PI;
    const frames = still ? 1 : 30;
    for (let i = 1; i <= frames; i++) {
      fig.set({ theta: from + ((target - from) * i) / frames });
      await frame();
    }
  },
  // Three SGD steps; the slice shares the run and follows.
  async steps() {
    const net = document.getElementById('story-mlp');
    for (let i = 0; i < 3; i++) {
      net.action('step');
      await pause(600);
    }
  },
};

await ready;
const seen = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    seen.unobserve(e.target);
    // A figure that could not start shows why itself; the story goes on without it.
    Promise.resolve(scenes[e.target.dataset.story]?.()).catch((err) => console.warn('gdviz story:', err.message));
  }
}, { threshold: 0.6 });
for (const p of document.querySelectorAll('[data-story]')) seen.observe(p);
