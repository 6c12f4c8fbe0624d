// Preload (sandboxed, context-isolated): exposes window.pult = { invoke, on } and nothing else —
// never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { createPultApi } from './api.ts';

contextBridge.exposeInMainWorld('pult', createPultApi(ipcRenderer));
