/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The hub's address for a build that is not served by the hub (a webview loading files). */
  readonly VITE_SIDECAST_HUB_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

// For tools that read .ts without Vue's compiler (ESLint's type information); vue-tsc checks
// the components themselves.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
