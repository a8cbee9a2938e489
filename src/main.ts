import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { appContext } from './ui/context';
import { AppState } from './state/app.svelte';

const app = new AppState();
mount(App, { target: document.getElementById('app')!, context: appContext(app) });

// Ask once for persistent storage so the browser does not evict the shop's data.
app.settings.refreshStorage(true).catch((e: unknown) => app.notices.handleError(e, 'Asking for persistent storage failed'));
app.sync.start(window);
app.updates.register().catch((e: unknown) => app.notices.handleError(e, 'Installing the offline app failed'));
