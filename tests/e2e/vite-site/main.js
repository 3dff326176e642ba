// What an author's bundled site writes: one import by the package's name.
import { ready } from 'gdviz';

ready.then(() => { document.body.dataset.gdvizReady = ''; });
