/**
 * Exposes exactly the contract's operations as window.workbench, one function
 * each, and nothing else: no ipcRenderer, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { OPERATION_NAMES } from '../../shared/api/contract';

const bridge = Object.freeze(
  Object.fromEntries(OPERATION_NAMES.map((op) => [op, (input: unknown) => ipcRenderer.invoke('parley:invoke', op, input)])),
);

contextBridge.exposeInMainWorld('workbench', bridge);
