// The layers of src/: which folder may import which. A folder may import itself, the folders it
// lists and, through them, everything below (the table is closed transitively); nothing in src/
// imports steps/, support/, test/ or bench/. src/layers.test.ts parses every import of src/ and
// fails on any other. Adding a folder means adding its line here.
//
//   util → api → store → services → scheduler | controllers | kubelet | network → cluster
//     → kubectl | inventory → report → cli → backends → index.ts (the package entry)
//   apiserver (serve) sits on kubectl (its table printers).
//   config (KubeSchedulerConfiguration) sits on scheduler; crictl on kubectl (its table writer).

export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  util: [],
  api: ['util'],
  store: ['api'],
  services: ['store'],
  scheduler: ['store'],
  controllers: ['store'],
  kubelet: ['services'],
  network: ['services'],
  config: ['scheduler'],
  cluster: ['scheduler', 'controllers', 'kubelet', 'network'],
  inventory: ['cluster'],
  kubectl: ['cluster'],
  apiserver: ['kubectl'], // serve's tables come from kubectl's printers
  report: ['inventory', 'config'],
  crictl: ['kubectl'],
  cli: ['crictl', 'kubectl', 'apiserver', 'report'],
  backends: ['cli'], // the kubeconfig backend of the step definitions (steps on a real cluster)
};

/** Files directly in src/ (index.ts, this table) may import any folder. */
export const ROOT = '.';
