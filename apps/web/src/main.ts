import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { currentPage, forgetToken, takeHubAddress } from './connection/hub-address.js';
import { createAppRouter } from './router.js';
import { useConnectionStore } from './stores/connection.js';
import { useJobsStore } from './stores/jobs.js';
import { useSidecarStore } from './stores/sidecar.js';
import './styles/theme.css';
import './styles/base.css';
import './styles/ansi.css';

// Before the router reads the fragment: `#token=…` is not a route.
const page = currentPage();
const address = takeHubAddress(page);

const pinia = createPinia();
const app = createApp(App).use(pinia).use(createAppRouter());
const { url, token } = address;
if (url !== undefined && token !== undefined) {
  useConnectionStore(pinia).connect({ url, token }, () => {
    forgetToken(page, url);
  });
  useJobsStore(pinia).follow();
  useSidecarStore(pinia).follow();
}
app.mount('#app');
